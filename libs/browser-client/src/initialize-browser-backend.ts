import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { useBackend } from '@edgefl/runtime';
import type { BackendName } from '@edgefl/runtime';

/** Options of {@link initializeBrowserBackend}. */
export interface BrowserBackendOptions {
  /**
   * Where the page fetches tfjs's `.wasm` binaries: a URL prefix ending in `/` (e.g.
   * `https://host/demo/`), under which `tfjs-backend-wasm.wasm` and `tfjs-backend-wasm-simd.wasm` live.
   */
  wasmPaths: string;
  /** Falls back to the pure-JS `cpu` backend when wasm cannot start (default true). */
  fallbackToCpu?: boolean;
}

/** What {@link initializeBrowserBackend} settled on. */
export interface BrowserBackend {
  backend: Extract<BackendName, 'wasm' | 'cpu'>;
  /** Why wasm was not used, when it was not. */
  wasmError?: string;
}

/**
 * Starts tfjs in a web page on the wasm backend (with EdgeFL's composed conv gradients, so
 * separable CNNs train there), single-threaded: multithreaded wasm needs a cross-origin
 * isolated page and a worker script, and the browser bundle ships neither.
 *
 * @example
 * const { backend } = await initializeBrowserBackend({ wasmPaths: new URL('/demo/', location.href).href }); // 'wasm'
 */
export async function initializeBrowserBackend(options: BrowserBackendOptions): Promise<BrowserBackend> {
  if (typeof options !== 'object' || options === null) throw new TypeError('options must be an object with wasmPaths');
  const { wasmPaths, fallbackToCpu = true } = options;
  if (typeof wasmPaths !== 'string' || !wasmPaths.endsWith('/')) {
    throw new TypeError(`options.wasmPaths must be a URL prefix ending in '/', got ${JSON.stringify(wasmPaths)}`);
  }
  if (typeof fallbackToCpu !== 'boolean') throw new TypeError('options.fallbackToCpu must be a boolean');
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  setWasmPaths(wasmPaths);
  try {
    return { backend: (await useBackend('wasm')) as 'wasm' };
  } catch (error) {
    if (!fallbackToCpu) throw error;
    return { backend: (await useBackend('cpu')) as 'cpu', wasmError: (error as Error).message };
  }
}
