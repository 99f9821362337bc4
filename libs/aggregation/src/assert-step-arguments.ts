import { assertFiniteVector } from './assert-finite-vector';

/** Checks the arguments of `ServerOptimizer.step`, naming the bad one. */
export function assertStepArguments(global: Float32Array, meanDelta: Float32Array): void {
  if (!(global instanceof Float32Array)) throw new Error('global must be a Float32Array');
  if (!(meanDelta instanceof Float32Array)) throw new Error('meanDelta must be a Float32Array');
  if (meanDelta.length !== global.length) {
    throw new Error(
      `meanDelta has length ${meanDelta.length}, expected ${global.length} (length mismatch with global)`,
    );
  }
  assertFiniteVector(global, 'global');
  assertFiniteVector(meanDelta, 'meanDelta');
}
