import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { isBackendName, type BackendName } from './backend-name';
import { registerWasmGradients } from './register-wasm-gradients';

/**
 * Makes `name` the active tfjs backend and waits until it is ready. 'wasm' also gets the
 * composed gradients it needs to train conv models. 'tensorflow' must have been registered by
 * loading tfjs-node first (see `initializeBackend` in `@edgefl/runtime/node`). Throws if the
 * backend is unknown, unregistered or fails to initialize.
 *
 * @example
 * await useBackend('wasm'); // 'wasm'
 */
export async function useBackend(name: BackendName): Promise<BackendName> {
  if (!isBackendName(name)) throw new Error(`name must be 'tensorflow', 'wasm' or 'cpu', got ${String(name)}`);
  if (name === 'wasm') registerWasmGradients();
  if (tf.findBackendFactory(name) == null) {
    throw new Error(
      `backend '${name}' is not registered${name === 'tensorflow' ? ' (load @tensorflow/tfjs-node first)' : ''}`,
    );
  }
  if (tf.getBackend() !== name) {
    const ok = await tf.setBackend(name);
    if (!ok) throw new Error(`backend '${name}' failed to initialize`);
  }
  await tf.ready();
  if (name === 'cpu') silenceTfjsNodeAdvice();
  return name;
}

/**
 * The cpu backend prints advice to install tfjs-node on its first tensor in Node; selecting a
 * backend must log nothing, and the advice is ours to give (README), so mark it as given.
 */
function silenceTfjsNodeAdvice(): void {
  const backend: unknown = tf.backend();
  if (backend !== null && typeof backend === 'object' && 'firstUse' in backend) {
    (backend as { firstUse: boolean }).firstUse = false;
  }
}
