import type { Plugin } from 'esbuild';

/**
 * An esbuild plugin that replaces tfjs-backend-wasm's inlined pthread worker script with an
 * empty string. The browser client runs wasm single-threaded (`initializeBrowserBackend` turns
 * `WASM_HAS_MULTITHREAD_SUPPORT` off: threads need a cross-origin isolated page), so the worker
 * is dead weight, and its text carries Node-only `require("worker_threads")` calls.
 *
 * @example
 * await esbuild.build({ ..., plugins: [omitWasmThreadWorker()] });
 */
export function omitWasmThreadWorker(): Plugin {
  return {
    name: 'omit-wasm-thread-worker',
    setup(build) {
      build.onResolve({ filter: /tfjs-backend-wasm-threaded-simd\.worker\.js$/ }, (args) => ({
        path: args.path,
        namespace: 'edgefl-omitted-worker',
      }));
      build.onLoad({ filter: /.*/, namespace: 'edgefl-omitted-worker' }, () => ({
        contents: "export const wasmWorkerContents = '';",
        loader: 'js',
      }));
    },
  };
}
