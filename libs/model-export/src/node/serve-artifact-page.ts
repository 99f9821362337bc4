import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { ARTIFACT_PAGE_ROUTES } from '../artifact-page-routes';

/** A running artifact page server on 127.0.0.1. */
export interface ArtifactPageServer {
  /** The page's URL, e.g. `http://127.0.0.1:41234/`. */
  url: string;
  /** URL of `path` (relative to the served root directory), e.g. `fileUrl('tfjs-uint8/model.json')`. */
  fileUrl(path: string): string;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
};

const requireHere = createRequire(__filename);

/** Directories of the installed runtimes' browser files, by route. */
function runtimeDirectories(): Record<string, string> {
  return {
    // The packages' Node entries sit beside their browser files.
    [ARTIFACT_PAGE_ROUTES.tfjsWasm]: dirname(requireHere.resolve('@tensorflow/tfjs-backend-wasm')),
    [ARTIFACT_PAGE_ROUTES.ort]: dirname(requireHere.resolve('onnxruntime-web/wasm')),
    [ARTIFACT_PAGE_ROUTES.tflite]: join(dirname(requireHere.resolve('@tensorflow/tfjs-tflite/package.json')), 'wasm'),
  };
}

/** The page: the runtimes' own scripts, then the bundle. */
function pageHtml(): string {
  return [
    '<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>EdgeFL artifacts</title>',
    `<script src="${ARTIFACT_PAGE_ROUTES.ort}ort.wasm.min.js"></script>`,
    `<script src="${ARTIFACT_PAGE_ROUTES.tflite}tflite_web_api_cc_simd.js"></script>`,
    `<script src="${ARTIFACT_PAGE_ROUTES.script}"></script>`,
    '</head><body></body></html>',
  ].join('\n');
}

/**
 * Serves the artifact page on a loopback port: the page, its bundled script (`bundle`, from
 * `buildArtifactPageBundle`), the wasm runtimes from their installed packages, and every file
 * under `root` at `/files/...` (paths that leave `root` are 404). GET only. The page is
 * cross-origin isolated (COOP/COEP headers), so its timer has 5 us resolution; the runtimes are
 * still started single-threaded.
 *
 * @example
 * const server = await serveArtifactPage(await buildArtifactPageBundle(), 'runs/demo/model');
 * await page.goto(server.url);
 */
export async function serveArtifactPage(bundle: string, root: string): Promise<ArtifactPageServer> {
  if (typeof bundle !== 'string' || bundle === '') throw new TypeError('bundle must be the page script');
  const rootDir = resolve(root);
  const directories = runtimeDirectories();
  const html = pageHtml();
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    // Cross-origin isolated: Chromium's performance.now() then has 5 us resolution, not 100 us.
    response.setHeader('cross-origin-opener-policy', 'same-origin');
    response.setHeader('cross-origin-embedder-policy', 'require-corp');
    const send = (status: number, type: string, body: string) => {
      response.writeHead(status, { 'content-type': type });
      response.end(body);
    };
    if (request.method !== 'GET') return send(405, 'text/plain', 'GET only');
    if (path === ARTIFACT_PAGE_ROUTES.page) return send(200, CONTENT_TYPES['.html'], html);
    if (path === ARTIFACT_PAGE_ROUTES.script) return send(200, CONTENT_TYPES['.js'], bundle);
    let file: string | undefined;
    if (path.startsWith(ARTIFACT_PAGE_ROUTES.files)) {
      const candidate = resolve(rootDir, `.${sep}${path.slice(ARTIFACT_PAGE_ROUTES.files.length)}`);
      if (candidate.startsWith(rootDir + sep)) file = candidate;
    } else {
      for (const [route, directory] of Object.entries(directories)) {
        const name = path.slice(route.length);
        if (path.startsWith(route) && /^[\w.-]+$/.test(name)) file = join(directory, name);
      }
    }
    if (file === undefined) return send(404, 'text/plain', 'not found');
    const found = file;
    stat(found).then(
      (info) => {
        if (!info.isFile()) return send(404, 'text/plain', 'not found');
        response.writeHead(200, {
          'content-type': CONTENT_TYPES[extname(found)] ?? 'application/octet-stream',
          'content-length': info.size,
        });
        createReadStream(found).pipe(response);
      },
      () => send(404, 'text/plain', 'not found'),
    );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    fileUrl: (path) =>
      `${url}${ARTIFACT_PAGE_ROUTES.files.slice(1)}${path.split('/').map(encodeURIComponent).join('/')}`,
    close: () =>
      new Promise<void>((done, fail) => {
        server.closeAllConnections();
        server.close((error) => (error ? fail(error) : done()));
      }),
  };
}
