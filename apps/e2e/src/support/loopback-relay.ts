import { connect, createServer } from 'node:net';
import type { Server, Socket } from 'node:net';

/**
 * A fixed loopback address that relays every TCP connection to the port of whatever server runs
 * behind it now, as a load balancer in front of a restarted service does. The restart tests give
 * it to the clients: each coordinator process binds port 0 and reports its port, so no port is
 * ever freed by the test and then bound by a child (another process could take it in between).
 * With no target, or a target that refuses, a connection is reset at once, like a refused one.
 *
 * @example
 * const relay = await LoopbackRelay.start();
 * relay.relayTo((await coordinator.ready).port);
 * new FederatedClient({ url: relay.url, ... });
 */
export class LoopbackRelay {
  private target?: number;
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    /** The relay's own port, bound for its whole life. */
    readonly port: number,
  ) {
    server.on('connection', (socket) => this.relay(socket));
  }

  /** Binds an ephemeral loopback port. */
  static async start(): Promise<LoopbackRelay> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    if (typeof address !== 'object' || address === null) throw new Error('the relay has no TCP address');
    return new LoopbackRelay(server, address.port);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** New connections go to 127.0.0.1:`port` from now on; `undefined` refuses them. Open ones stay as they are. */
  relayTo(port: number | undefined): void {
    this.target = port;
  }

  /** Stops listening and cuts every relayed connection. */
  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private relay(client: Socket): void {
    const port = this.target;
    // A reset, not a plain close: the client sees ECONNRESET at once, as for a refused connection.
    if (port === undefined) {
      client.resetAndDestroy();
      return;
    }
    const upstream = connect(port, '127.0.0.1');
    this.sockets.add(client).add(upstream);
    upstream.on('error', () => client.resetAndDestroy());
    client.on('error', () => upstream.destroy());
    // An ended side ends the other through the pipes, its last bytes flushed first.
    upstream.on('close', () => {
      this.sockets.delete(upstream);
      if (!client.destroyed) client.end();
    });
    client.on('close', () => {
      this.sockets.delete(client);
      upstream.destroy();
    });
    client.pipe(upstream);
    upstream.pipe(client);
  }
}
