import { assertHyperparameter } from './assert-hyperparameter';
import { assertStepArguments } from './assert-step-arguments';
import type { ServerOptimizer } from './server-optimizer';

/**
 * FedAdam (Reddi et al. 2021, Algorithm 2): with Delta the mean client delta,
 * m <- b1*m + (1-b1)*Delta; v <- b2*v + (1-b2)*Delta^2; w <- w + lr * m / (sqrt(v) + tau).
 * As in the paper there is no bias correction, m starts at 0 and v at tau^2. Defaults follow the
 * paper's recommendations: lr 0.01, b1 0.9, b2 0.99, tau 1e-3. State is sized on the first step.
 *
 * @example
 * const optimizer = new FedAdamOptimizer({ learningRate: 0.01 });
 * const next = optimizer.step(global, meanDelta);
 */
export class FedAdamOptimizer implements ServerOptimizer {
  readonly name = 'fedadam';
  readonly learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  private firstMoment: Float64Array | undefined;
  private secondMoment: Float64Array | undefined;

  constructor(options: { learningRate?: number; beta1?: number; beta2?: number; epsilon?: number } = {}) {
    this.learningRate = assertHyperparameter('learningRate', options.learningRate, 0.01, {
      min: 0,
      minInclusive: false,
    });
    this.beta1 = assertHyperparameter('beta1', options.beta1, 0.9, { min: 0, minInclusive: true, max: 1 });
    this.beta2 = assertHyperparameter('beta2', options.beta2, 0.99, { min: 0, minInclusive: true, max: 1 });
    this.epsilon = assertHyperparameter('epsilon', options.epsilon, 1e-3, { min: 0, minInclusive: false });
  }

  step(global: Float32Array, meanDelta: Float32Array): Float32Array {
    assertStepArguments(global, meanDelta);
    if (!this.firstMoment || !this.secondMoment) {
      this.firstMoment = new Float64Array(global.length);
      this.secondMoment = new Float64Array(global.length).fill(this.epsilon * this.epsilon);
    }
    const m = this.firstMoment;
    const v = this.secondMoment;
    if (m.length !== global.length) {
      throw new Error(`global has length ${global.length}, but this optimizer's state has length ${m.length}`);
    }
    const next = new Float32Array(global.length);
    for (let i = 0; i < global.length; i++) {
      const delta = meanDelta[i];
      m[i] = this.beta1 * m[i] + (1 - this.beta1) * delta;
      v[i] = this.beta2 * v[i] + (1 - this.beta2) * delta * delta;
      next[i] = global[i] + (this.learningRate * m[i]) / (Math.sqrt(v[i]) + this.epsilon);
    }
    return next;
  }
}
