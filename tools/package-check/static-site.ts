import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** A folder served over HTTP on 127.0.0.1, like any static host would. */
export interface StaticSite {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the files of `dir` (GET only, no listing, nothing outside `dir`) on a free port.
 *
 * @example
 * const site = await serveStaticSite('/tmp/site'); // site.url === 'http://127.0.0.1:40123'
 */
export async function serveStaticSite(dir: string): Promise<StaticSite> {
  const server: Server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname));
    if (request.method !== 'GET' || path.includes('..')) {
      response.writeHead(404).end();
      return;
    }
    readFile(join(dir, path === '/' ? 'index.html' : path)).then(
      (body) =>
        response
          .writeHead(200, {
            'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
            'content-length': body.length,
          })
          .end(body),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
