import { adaptiveServerStep } from './adaptive-server-step';
import type { AdaptiveMoments } from './adaptive-server-step';
import { resolveAdaptiveHyperparameters, type AdaptiveHyperparameters } from './adaptive-hyperparameters';
import type { ServerOptimizer } from './server-optimizer';

/**
 * An adaptive server optimizer (FedAdagrad, FedAdam, FedYogi; Reddi et al. 2021, Algorithm 2): the
 * hyperparameters, the moments kept between rounds and the step of {@link adaptiveServerStep}. A
 * subclass names itself and says how v moves from v_{t-1} and Delta^2.
 *
 * @example
 * class FedAdamOptimizer extends AdaptiveServerOptimizer {
 *   readonly name = 'fedadam';
 *   protected secondMoment(v: number, d2: number): number { return this.beta2 * v + (1 - this.beta2) * d2; }
 * }
 */
export abstract class AdaptiveServerOptimizer implements ServerOptimizer {
  abstract readonly name: string;
  readonly learningRate: number;
  readonly beta1: number;
  /** The second-moment decay of FedAdam and FedYogi (FedAdagrad sums Delta^2 and leaves it at its default). */
  readonly beta2: number;
  readonly epsilon: number;
  private moments: AdaptiveMoments | undefined;

  constructor(options: Partial<AdaptiveHyperparameters> = {}) {
    ({
      learningRate: this.learningRate,
      beta1: this.beta1,
      beta2: this.beta2,
      epsilon: this.epsilon,
    } = resolveAdaptiveHyperparameters(options));
  }

  /** v_t from v_{t-1} and Delta^2, per coordinate. */
  protected abstract secondMoment(previous: number, deltaSquared: number): number;

  step(global: Float32Array, meanDelta: Float32Array): Float32Array {
    const { next, moments } = adaptiveServerStep(
      global,
      meanDelta,
      this.moments,
      { learningRate: this.learningRate, beta1: this.beta1, tau: this.epsilon },
      (v, d2) => this.secondMoment(v, d2),
    );
    this.moments = moments;
    return next;
  }
}
