import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DEMO_ROUTES } from '../demo-routes';
import { renderDemoPage } from '../render-demo-page';
import { standaloneBundleFile } from './standalone-bundle-file';
import { TFJS_WASM_BINARIES, tfjsWasmBinary } from './tfjs-wasm-binary';
import type { TfjsWasmBinaryName } from './tfjs-wasm-binary';

/** An HTTP route in the coordinator's `httpHandlers` shape: true when it answered the request. */
export type BrowserDemoHttpHandler = (request: IncomingMessage, response: ServerResponse) => boolean;

/** Options of {@link createBrowserDemo}. */
export interface BrowserDemoOptions {
  /** The page title (default "EdgeFL browser client"). */
  title?: string;
  /** Procedural examples each page trains on (default 64). */
  examples?: number;
  /**
   * The standalone SDK script the page loads (default: the one this package ships,
   * `@edgefl/browser-client/standalone`, built ahead of time by `npm run build`).
   */
  bundleFile?: string;
}

/** The browser demo's routes. */
export interface BrowserDemo {
  /** Serves `/demo`, its scripts and tfjs's wasm binaries; add it with `coordinator.addHttpHandler`. */
  httpHandler: BrowserDemoHttpHandler;
  /** The SDK script, read from {@link BrowserDemoOptions.bundleFile} on first use and kept in memory. */
  bundle(): Promise<Buffer>;
}

const APP_SCRIPT = Buffer.from('window.EdgeFL.mountDemoPage(document);\n', 'utf8');
// Same-origin scripts, sockets and fetches only; 'wasm-unsafe-eval' lets the page compile tfjs's wasm.
const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'content-security-policy':
    "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
};

/**
 * A demo web app for a coordinator: `GET /demo` is a page that loads the client SDK bundle,
 * trains on tfjs's wasm backend in the browser on procedural examples, and joins the rounds of
 * the coordinator that served it like any other client.
 *
 * @example
 * coordinator.addHttpHandler(createBrowserDemo().httpHandler);
 * // open http://127.0.0.1:7070/demo in a browser
 */
export function createBrowserDemo(options: BrowserDemoOptions = {}): BrowserDemo {
  if (typeof options !== 'object' || options === null) throw new TypeError('options must be an object');
  const { title, examples = 64, bundleFile } = options;
  if (title !== undefined && typeof title !== 'string') throw new TypeError('options.title must be a string');
  if (!Number.isInteger(examples) || examples < 1 || examples > 10_000)
    throw new RangeError(`options.examples must be an integer in [1, 10000], got ${examples}`);
  if (bundleFile !== undefined && (typeof bundleFile !== 'string' || bundleFile === ''))
    throw new TypeError('options.bundleFile must be a file path');

  let script: Promise<Buffer> | undefined;
  const bundle = (): Promise<Buffer> => {
    script ??= (async () => readFile(bundleFile ?? standaloneBundleFile()))();
    // A page view starts the read before its script tag asks; a failure is answered there.
    script.catch(() => undefined);
    return script;
  };
  const page = Buffer.from(renderDemoPage({ title, config: { wasmPaths: DEMO_ROUTES.wasmPrefix, examples } }), 'utf8');

  const httpHandler: BrowserDemoHttpHandler = (request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return false;
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    const head = request.method === 'HEAD';
    if (pathname === DEMO_ROUTES.page || pathname === `${DEMO_ROUTES.page}/`) {
      void bundle();
      response.writeHead(200, { ...PAGE_HEADERS, 'content-length': page.length });
      response.end(head ? undefined : page);
      return true;
    }
    if (pathname === DEMO_ROUTES.script) {
      sendAsset(response, head, 'text/javascript; charset=utf-8', APP_SCRIPT);
      return true;
    }
    if (pathname === DEMO_ROUTES.bundle) {
      bundle().then(
        (body) => sendAsset(response, head, 'text/javascript; charset=utf-8', body),
        (error: Error) => {
          response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
          response.end(
            `the browser bundle could not be read (in a clone of the EdgeFL repository, run \`npm run build\`): ${error.message}\n`,
          );
        },
      );
      return true;
    }
    const name = pathname.startsWith(DEMO_ROUTES.wasmPrefix) ? pathname.slice(DEMO_ROUTES.wasmPrefix.length) : '';
    if ((TFJS_WASM_BINARIES as readonly string[]).includes(name)) {
      sendAsset(response, head, 'application/wasm', tfjsWasmBinary(name as TfjsWasmBinaryName));
      return true;
    }
    return false;
  };
  return { httpHandler, bundle };
}

function sendAsset(response: ServerResponse, head: boolean, contentType: string, body: Buffer): void {
  // An upgrade of the installed packages changes it: revalidate rather than cache for long.
  response.writeHead(200, {
    'content-type': contentType,
    'content-length': body.length,
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
  });
  response.end(head ? undefined : body);
}
