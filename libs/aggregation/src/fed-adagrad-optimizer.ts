import { AdaptiveServerOptimizer } from './adaptive-server-optimizer';
import type { AdaptiveHyperparameters } from './adaptive-hyperparameters';

/**
 * FedAdagrad (Reddi et al. 2021, Algorithm 2): m <- b1*m + (1-b1)*Delta; v <- v + Delta^2;
 * w <- w + lr * m / (sqrt(v) + tau). m starts at 0 and v at tau^2. Defaults: lr 0.01, b1 0.9,
 * tau 1e-3. The step shrinks as v only grows.
 *
 * @example
 * const optimizer = new FedAdagradOptimizer({ learningRate: 0.01 });
 * const next = optimizer.step(global, meanDelta);
 */
export class FedAdagradOptimizer extends AdaptiveServerOptimizer {
  readonly name = 'fedadagrad';

  constructor(options: Partial<Omit<AdaptiveHyperparameters, 'beta2'>> = {}) {
    // Only its own hyperparameters: a stray beta2 is ignored, as FedAdagrad has no second-moment decay.
    super({ learningRate: options.learningRate, beta1: options.beta1, epsilon: options.epsilon });
  }

  protected secondMoment(previous: number, deltaSquared: number): number {
    return previous + deltaSquared;
  }
}
