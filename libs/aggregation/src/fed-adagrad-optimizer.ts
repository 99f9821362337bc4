import { adaptiveServerStep } from './adaptive-server-step';
import type { AdaptiveMoments } from './adaptive-server-step';
import { assertHyperparameter } from './assert-hyperparameter';
import type { ServerOptimizer } from './server-optimizer';

/**
 * FedAdagrad (Reddi et al. 2021, Algorithm 2): m <- b1*m + (1-b1)*Delta; v <- v + Delta^2;
 * w <- w + lr * m / (sqrt(v) + tau). m starts at 0 and v at tau^2. Defaults: lr 0.01, b1 0.9,
 * tau 1e-3. The step shrinks as v only grows.
 *
 * @example
 * const optimizer = new FedAdagradOptimizer({ learningRate: 0.01 });
 * const next = optimizer.step(global, meanDelta);
 */
export class FedAdagradOptimizer implements ServerOptimizer {
  readonly name = 'fedadagrad';
  readonly learningRate: number;
  readonly beta1: number;
  readonly epsilon: number;
  private moments: AdaptiveMoments | undefined;

  constructor(options: { learningRate?: number; beta1?: number; epsilon?: number } = {}) {
    this.learningRate = assertHyperparameter('learningRate', options.learningRate, 0.01, {
      min: 0,
      minInclusive: false,
    });
    this.beta1 = assertHyperparameter('beta1', options.beta1, 0.9, { min: 0, minInclusive: true, max: 1 });
    this.epsilon = assertHyperparameter('epsilon', options.epsilon, 1e-3, { min: 0, minInclusive: false });
  }

  step(global: Float32Array, meanDelta: Float32Array): Float32Array {
    const { next, moments } = adaptiveServerStep(
      global,
      meanDelta,
      this.moments,
      { learningRate: this.learningRate, beta1: this.beta1, tau: this.epsilon },
      (v, d2) => v + d2,
    );
    this.moments = moments;
    return next;
  }
}
