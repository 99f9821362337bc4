import { AdaptiveServerOptimizer } from './adaptive-server-optimizer';

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
export class FedYogiOptimizer extends AdaptiveServerOptimizer {
  readonly name = 'fedyogi';

  protected secondMoment(previous: number, deltaSquared: number): number {
    return previous - (1 - this.beta2) * deltaSquared * Math.sign(previous - deltaSquared);
  }
}
