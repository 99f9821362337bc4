import { AdaptiveServerOptimizer } from './adaptive-server-optimizer';

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
export class FedAdamOptimizer extends AdaptiveServerOptimizer {
  readonly name = 'fedadam';

  protected secondMoment(previous: number, deltaSquared: number): number {
    return this.beta2 * previous + (1 - this.beta2) * deltaSquared;
  }
}
