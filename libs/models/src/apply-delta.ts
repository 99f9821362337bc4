/**
 * Returns `global + scale * delta` as a new vector (the inputs are not modified). With the
 * weighted mean delta of a round and scale 1 this is the FedAvg step.
 *
 * @example
 * applyDelta(Float32Array.of(1, 1), Float32Array.of(2, 0)); // Float32Array [3, 1]
 * applyDelta(Float32Array.of(1, 1), Float32Array.of(2, 0), 0.5); // Float32Array [2, 1]
 */
export function applyDelta(global: Float32Array, delta: Float32Array, scale = 1): Float32Array {
  if (!(global instanceof Float32Array)) throw new TypeError('global must be a Float32Array');
  if (!(delta instanceof Float32Array)) throw new TypeError('delta must be a Float32Array');
  if (global.length !== delta.length) {
    throw new Error(`delta has ${delta.length} values but global has ${global.length}`);
  }
  if (!Number.isFinite(scale)) throw new Error(`scale must be a finite number, got ${scale}`);
  const result = new Float32Array(global.length);
  for (let i = 0; i < global.length; i++) result[i] = global[i] + scale * delta[i];
  return result;
}
