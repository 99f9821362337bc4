import { assertFiniteVector } from './assert-finite-vector';

/**
 * Checks the input of the robust aggregators: a non-empty array of finite Float32Array deltas of
 * one length, naming `name[k]` when one is wrong. Returns the common length.
 */
export function assertDeltaList(deltas: readonly Float32Array[], name: string): number {
  if (!Array.isArray(deltas) || deltas.length === 0)
    throw new Error(`${name} must be a non-empty array of Float32Array deltas`);
  const length = deltas[0]?.length;
  deltas.forEach((delta, k) => {
    if (!(delta instanceof Float32Array)) throw new Error(`${name}[${k}] must be a Float32Array`);
    if (delta.length !== length)
      throw new Error(`${name}[${k}] has length ${delta.length}, expected ${length} (length mismatch)`);
    assertFiniteVector(delta, `${name}[${k}]`);
  });
  return length as number;
}
