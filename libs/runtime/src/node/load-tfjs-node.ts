import { createRequire } from 'node:module';
import { findBackendFactory } from '@tensorflow/tfjs-core';

let attempted = false;
let loaded = false;

/**
 * Loads the optional `@tensorflow/tfjs-node` once and reports whether its native 'tensorflow'
 * backend is now registered with *our* tfjs-core engine. tfjs-node brings its own dependency
 * on tfjs-core; tfjs keeps the engine and the kernel registry on the global object, so the
 * copies normally share them, but we only trust the backend if our engine can see it.
 * Never throws: a missing or broken install (no internet to fetch libtensorflow) means false.
 */
export function loadTfjsNode(): boolean {
  if (!attempted) {
    attempted = true;
    try {
      // createRequire rather than a bare `require`, so the compiled ES module loads it the same way.
      createRequire(__filename)('@tensorflow/tfjs-node');
      loaded = findBackendFactory('tensorflow') != null;
    } catch {
      loaded = false;
    }
  }
  return loaded;
}
