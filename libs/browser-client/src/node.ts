// Node side of the browser client: what a server needs to build and serve it. It does not
// re-export the browser API (`./index`), so servers do not load the client SDK to serve it.
export { createBrowserDemo } from './node/create-browser-demo';
export type { BrowserDemo, BrowserDemoHttpHandler, BrowserDemoOptions } from './node/create-browser-demo';
// The bundler (build-browser-bundle.ts and its esbuild plugins) runs at build time only, from
// tools/build: the package ships the script it made, not esbuild.
export { standaloneBundleFile, STANDALONE_BUNDLE_EXPORT } from './node/standalone-bundle-file';
export { tfjsWasmBinary, TFJS_WASM_BINARIES } from './node/tfjs-wasm-binary';
export type { TfjsWasmBinaryName } from './node/tfjs-wasm-binary';
export { DEMO_ROUTES } from './demo-routes';
export { renderDemoPage } from './render-demo-page';
export type { DemoPageConfig } from './demo-page-config';
