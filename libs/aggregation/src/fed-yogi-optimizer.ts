import { adaptiveServerStep } from './adaptive-server-step';
import type { AdaptiveMoments } from './adaptive-server-step';
import { assertHyperparameter } from './assert-hyperparameter';
import type { ServerOptimizer } from './server-optimizer';

/**
 * FedYogi (Reddi et al. 2021, Algorithm 2): m <- b1*m + (1-b1)*Delta;
 * v <- v - (1-b2) * Delta^2 * sign(v - Delta^2); w <- w + lr * m / (sqrt(v) + tau).
 * No bias correction; m starts at 0 and v at tau^2. Defaults: lr 0.01, b1 0.9, b2 0.99, tau 1e-3
 * (the paper's recommended starting points). v grows more slowly than FedAdam's, so rare large
 * deltas do not shrink the step for long.
 *
 * @example
 * const optimizer = new FedYogiOptimizer({ learningRate: 0.01 });
 * const next = optimizer.step(global, meanDelta);
 */
export class FedYogiOptimizer implements ServerOptimizer {
  readonly name = 'fedyogi';
  readonly learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  private moments: AdaptiveMoments | undefined;

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
    const oneMinusBeta2 = 1 - this.beta2;
    const { next, moments } = adaptiveServerStep(
      global,
      meanDelta,
      this.moments,
      { learningRate: this.learningRate, beta1: this.beta1, tau: this.epsilon },
      (v, d2) => v - oneMinusBeta2 * d2 * Math.sign(v - d2),
    );
    this.moments = moments;
    return next;
  }
}
