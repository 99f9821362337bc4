/**
 * The update a client sends: `local - global`, element-wise.
 *
 * @example
 * computeDelta(Float32Array.of(3, 1), Float32Array.of(1, 1)); // Float32Array [2, 0]
 */
export function computeDelta(local: Float32Array, global: Float32Array): Float32Array {
  if (!(local instanceof Float32Array)) throw new TypeError('local must be a Float32Array');
  if (!(global instanceof Float32Array)) throw new TypeError('global must be a Float32Array');
  if (local.length !== global.length) {
    throw new Error(`local has ${local.length} values but global has ${global.length}`);
  }
  const delta = new Float32Array(local.length);
  for (let i = 0; i < local.length; i++) delta[i] = local[i] - global[i];
  return delta;
}
