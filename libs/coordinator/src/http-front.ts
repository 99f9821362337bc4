import { createServer } from 'node:http';
import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { HttpRoute } from './http-route';

/** Serve https/wss with this certificate and key (PEM) instead of plain http/ws. */
export interface TlsOptions {
  cert: string | Buffer;
  key: string | Buffer;
}

/**
 * The coordinator's HTTP(S) server: asks its routes in order (the first that answers wins) and
 * answers 404 JSON when none does. socket.io attaches to `server` and takes its own path before
 * any route. Half-sent request headers are dropped after 10 s, checked every 2 s (Node's defaults:
 * 60 s, 30 s).
 *
 * @example
 * const front = new HttpFront([healthzRoute], tls);
 * const { url } = await front.listen(0, '127.0.0.1');
 */
export class HttpFront {
  readonly server: HttpServer | HttpsServer;
  private readonly routes: HttpRoute[];

  constructor(
    routes: readonly HttpRoute[],
    private readonly tls?: TlsOptions,
  ) {
    this.routes = [...routes];
    const serve = (request: IncomingMessage, response: ServerResponse): void => this.serve(request, response);
    const httpOptions = { headersTimeout: 10_000, connectionsCheckingInterval: 2_000 };
    this.server = tls
      ? createHttpsServer({ ...httpOptions, cert: tls.cert, key: tls.key }, serve)
      : createServer(httpOptions, serve);
  }

  /** Adds a route after the existing ones. */
  addRoute(route: HttpRoute): void {
    this.routes.push(route);
  }

  /** Starts listening; resolves with the bound port and the URL clients use. */
  async listen(port: number, host: string): Promise<{ port: number; url: string }> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => resolve());
    });
    const bound = (this.server.address() as AddressInfo).port;
    const url = `${this.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${bound}`;
    return { port: bound, url };
  }

  private serve(request: IncomingMessage, response: ServerResponse): void {
    for (const route of this.routes) {
      if (route(request, response)) return;
    }
    response.writeHead(404, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ error: 'not found' }));
  }
}
