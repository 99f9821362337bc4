import { createServer, get as httpGet } from 'node:http';
import type { Server } from 'node:http';
import { connect, createServer as createNetServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { LoopbackRelay } from './loopback-relay';

/** An HTTP server on an ephemeral loopback port that answers every request with `name`. */
async function namedServer(name: string): Promise<{ server: Server; port: number }> {
  const server = createServer((_request, response) => response.end(name));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

/** GET on a fresh connection (no pooling: each request goes through the relay's current target). */
function get(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = httpGet(url, { agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve(body));
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

describe('LoopbackRelay', () => {
  it('relays to the current target, refuses while there is none, and follows a new one', async () => {
    const relay = await LoopbackRelay.start();
    const first = await namedServer('first');
    const second = await namedServer('second');
    try {
      await expect(get(relay.url)).rejects.toThrow(/ECONNRESET|socket hang up/);
      relay.relayTo(first.port);
      expect(await get(relay.url)).toBe('first');
      relay.relayTo(undefined);
      await expect(get(relay.url)).rejects.toThrow(/ECONNRESET|socket hang up/);
      relay.relayTo(second.port);
      expect(await get(relay.url)).toBe('second');
      expect(relay.port).not.toBe(first.port);
      expect(relay.port).not.toBe(second.port);
    } finally {
      await relay.close();
      for (const { server } of [first, second]) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    }
  });

  it('ends a relayed connection when the server behind it drops it, and resets new ones it refuses', async () => {
    const relay = await LoopbackRelay.start();
    const accepted: Socket[] = [];
    const behind = createNetServer((socket) => {
      accepted.push(socket);
      socket.write('hello');
    });
    await new Promise<void>((resolve) => behind.listen(0, '127.0.0.1', resolve));
    try {
      relay.relayTo((behind.address() as AddressInfo).port);
      const client = connect(relay.port, '127.0.0.1');
      const greeting = await new Promise<string>((resolve) => client.once('data', (chunk) => resolve(String(chunk))));
      expect(greeting).toBe('hello');
      // The server is killed: its connection goes, and so does the client's through the relay.
      const clientClosed = new Promise<void>((resolve) => client.once('close', () => resolve()));
      for (const socket of accepted) socket.destroy();
      await new Promise<void>((resolve) => behind.close(() => resolve()));
      await clientClosed;
      await expect(get(relay.url)).rejects.toThrow(/ECONNRESET|socket hang up/);
    } finally {
      await relay.close();
    }
  });
});
