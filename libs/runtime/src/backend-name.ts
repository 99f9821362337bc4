/** The tfjs backends EdgeFL trains on, fastest first: tfjs-node's native TensorFlow, wasm (XNNPACK), pure JS. */
export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

/** Every `BackendName`, in order of preference. */
export const BACKEND_NAMES: readonly BackendName[] = ['tensorflow', 'wasm', 'cpu'];

/** Narrows an unknown value to a `BackendName`. */
export function isBackendName(value: unknown): value is BackendName {
  return typeof value === 'string' && (BACKEND_NAMES as readonly string[]).includes(value);
}
