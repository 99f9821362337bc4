import { adaptiveServerStep } from './adaptive-server-step';
import type { AdaptiveMoments } from './adaptive-server-step';
import { assertHyperparameter } from './assert-hyperparameter';
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
    const { beta2 } = this;
    const oneMinusBeta2 = 1 - beta2;
    const { next, moments } = adaptiveServerStep(
      global,
      meanDelta,
      this.moments,
      { learningRate: this.learningRate, beta1: this.beta1, tau: this.epsilon },
      (v, d2) => beta2 * v + oneMinusBeta2 * d2,
    );
    this.moments = moments;
    return next;
  }
}
