import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import type { Socket } from 'socket.io';
import { DEFAULT_LIMITS } from '@edgefl/protocol';

/** A raw socket.io server on 127.0.0.1 standing in for a coordinator whose every move a test scripts. */
export interface ScriptedCoordinator {
  url: string;
  /** Connections opened so far. */
  connections(): number;
  /** The server side of the latest connection (undefined before the first). */
  latest(): Socket | undefined;
  close(): Promise<void>;
}

/**
 * Welcomes every `hello` (no challenge) and then hands the connection to `afterWelcome` with its
 * 0-based index among the connections: the test sends tasks, acks updates, drops the connection.
 *
 * @example
 * const coordinator = await scriptedCoordinator((socket) => socket.emit('run-end', runEnd));
 */
export async function scriptedCoordinator(
  afterWelcome: (socket: Socket, connection: number) => void,
): Promise<ScriptedCoordinator> {
  const http = createServer();
  const io = new Server(http);
  let count = 0;
  let latest: Socket | undefined;
  io.on('connection', (socket) => {
    const index = count++;
    latest = socket;
    socket.on('hello', (hello: { clientId?: string }, ack: (reply: object) => void) => {
      ack({
        type: 'welcome',
        protocolVersion: 1,
        clientId: hello.clientId ?? 'scripted-client',
        runId: 'run',
        limits: DEFAULT_LIMITS,
      });
      setImmediate(() => afterWelcome(socket, index));
    });
  });
  await new Promise<void>((done) => http.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    connections: () => count,
    latest: () => latest,
    close: () => new Promise<void>((done) => io.close(() => done())),
  };
}
