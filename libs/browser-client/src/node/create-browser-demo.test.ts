import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBrowserBundle } from './build-browser-bundle';
import { createBrowserDemo } from './create-browser-demo';
import type { BrowserDemo } from './create-browser-demo';

/** A plain HTTP server with the demo's handler first, 404 otherwise (like the coordinator's). */
async function serve(demo: BrowserDemo): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    if (demo.httpHandler(request, response)) return;
    response.writeHead(404);
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('createBrowserDemo', () => {
  // The script a package build makes, built here from the sources.
  const dir = mkdtempSync(join(tmpdir(), 'edgefl-demo-bundle-'));
  const bundleFile = join(dir, 'edgefl.min.js');
  const demo = createBrowserDemo({ title: 'Demo <one>', examples: 32, bundleFile });
  let server: Server;
  let url: string;

  beforeAll(async () => {
    writeFileSync(bundleFile, (await buildBrowserBundle()).code);
    ({ server, url } = await serve(demo));
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the page at /demo with a same-origin content security policy', async () => {
    for (const path of ['/demo', '/demo/', '/demo?seed=3']) {
      const response = await fetch(`${url}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self' 'wasm-unsafe-eval'");
      const html = await response.text();
      expect(html).toContain('<title>Demo &#60;one&#62;</title>');
      expect(html).toContain('{"wasmPaths":"/demo/","examples":32}');
      expect(html).toContain('<script src="/demo/edgefl.js"></script>');
    }
  });

  it('serves the prebuilt bundle file, read once and kept', async () => {
    const first = await fetch(`${url}/demo/edgefl.js`);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const code = await first.text();
    expect(code.includes('window.EdgeFL=')).toBe(true);
    writeFileSync(bundleFile, 'replaced after the first read');
    expect((await (await fetch(`${url}/demo/edgefl.js`)).text()) === code).toBe(true);
    expect(await demo.bundle()).toBe(await demo.bundle());
    expect((await demo.bundle()).toString('utf8') === code).toBe(true);
  });

  it('answers 500 naming the build when the bundle file is missing, and keeps serving the page', async () => {
    const missing = createBrowserDemo({ bundleFile: join(dir, 'not-built.js') });
    const other = await serve(missing);
    try {
      const response = await fetch(`${other.url}/demo/edgefl.js`);
      expect(response.status).toBe(500);
      const text = await response.text();
      expect(text).toContain('npm run build');
      expect(text).toContain('not-built.js');
      expect((await fetch(`${other.url}/demo`)).status).toBe(200);
    } finally {
      await new Promise((resolve) => other.server.close(resolve));
    }
  });

  it('serves the start script and the tfjs wasm binaries', async () => {
    expect(await (await fetch(`${url}/demo/app.js`)).text()).toContain('EdgeFL.mountDemoPage(document)');
    for (const name of ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm']) {
      const response = await fetch(`${url}/demo/${name}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/wasm');
      expect([...new Uint8Array(await response.arrayBuffer()).subarray(0, 4)]).toEqual([0, 0x61, 0x73, 0x6d]);
    }
  });

  it('answers HEAD without a body and leaves other paths and methods to the next handler', async () => {
    const head = await fetch(`${url}/demo/tfjs-backend-wasm.wasm`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get('content-length'))).toBeGreaterThan(0);
    expect(await head.text()).toBe('');
    for (const path of ['/demo/other.wasm', '/demo/../package.json', '/', '/demo/edgefl.js.map']) {
      expect((await fetch(`${url}${path}`)).status).toBe(404);
    }
    expect((await fetch(`${url}/demo`, { method: 'POST' })).status).toBe(404);
  });

  it('checks its options', () => {
    expect(() => createBrowserDemo(null as unknown as object)).toThrow('options must be an object');
    expect(() => createBrowserDemo({ examples: 0 })).toThrow('options.examples');
    expect(() => createBrowserDemo({ title: 3 as unknown as string })).toThrow('options.title');
    expect(() => createBrowserDemo({ bundleFile: 3 as unknown as string })).toThrow('options.bundleFile');
    expect(() => createBrowserDemo({ bundleFile: '' })).toThrow('options.bundleFile');
  });
});
