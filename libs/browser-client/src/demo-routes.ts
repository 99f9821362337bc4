/** Where the browser demo lives on the coordinator's HTTP server. */
export const DEMO_ROUTES = {
  page: '/demo',
  /** The SDK bundle (`window.EdgeFL`). */
  bundle: '/demo/edgefl.js',
  /** Starts the demo once the bundle is loaded. */
  script: '/demo/app.js',
  /** tfjs's `.wasm` binaries are served under this prefix, by file name. */
  wasmPrefix: '/demo/',
} as const;
