import { assertStepArguments } from './assert-step-arguments';

/** The moments an adaptive server optimizer carries between rounds (Reddi et al. 2021, Algorithm 2). */
export interface AdaptiveMoments {
  /** First moment m, starts at 0. */
  m: Float64Array;
  /** Second moment v, starts at tau^2. */
  v: Float64Array;
}

/** How v is updated from v_{t-1} and Delta^2: the only difference between FedAdagrad, FedAdam and FedYogi. */
export type SecondMomentRule = (previous: number, deltaSquared: number) => number;

/**
 * One step of Reddi et al. 2021, Algorithm 2, shared by FedAdagrad, FedAdam and FedYogi:
 * m <- b1*m + (1-b1)*Delta; v <- rule(v, Delta^2); w <- w + lr * m / (sqrt(v) + tau).
 * Sizes `moments` on the first call (returns them); refuses a later length change.
 */
export function adaptiveServerStep(
  global: Float32Array,
  meanDelta: Float32Array,
  moments: AdaptiveMoments | undefined,
  hyper: { learningRate: number; beta1: number; tau: number },
  rule: SecondMomentRule,
): { next: Float32Array; moments: AdaptiveMoments } {
  assertStepArguments(global, meanDelta);
  const state = moments ?? {
    m: new Float64Array(global.length),
    v: new Float64Array(global.length).fill(hyper.tau * hyper.tau),
  };
  if (state.m.length !== global.length) {
    throw new Error(`global has length ${global.length}, but this optimizer's state has length ${state.m.length}`);
  }
  const { m, v } = state;
  const next = new Float32Array(global.length);
  for (let i = 0; i < global.length; i++) {
    const delta = meanDelta[i];
    m[i] = hyper.beta1 * m[i] + (1 - hyper.beta1) * delta;
    v[i] = rule(v[i], delta * delta);
    next[i] = global[i] + (hyper.learningRate * m[i]) / (Math.sqrt(v[i]) + hyper.tau);
  }
  return { next, moments: state };
}
