import { assertHyperparameter } from './assert-hyperparameter';

/** The hyperparameters of FedAdagrad, FedAdam and FedYogi (Reddi et al. 2021, Algorithm 2). */
export interface AdaptiveHyperparameters {
  /** Server learning rate eta (> 0; default 0.01). */
  learningRate: number;
  /** First-moment decay b1 in [0, 1] (default 0.9). */
  beta1: number;
  /** Second-moment decay b2 in [0, 1] (default 0.99; FedAdagrad has none). */
  beta2: number;
  /** Adaptivity tau (> 0; default 1e-3): v starts at tau^2 and tau is added to sqrt(v). */
  epsilon: number;
}

/**
 * Fills the paper's recommended starting points for what `options` leaves out and checks every
 * value, naming the bad one.
 *
 * @example
 * resolveAdaptiveHyperparameters({ learningRate: 0.1 }); // { learningRate: 0.1, beta1: 0.9, beta2: 0.99, epsilon: 0.001 }
 */
export function resolveAdaptiveHyperparameters(options: Partial<AdaptiveHyperparameters>): AdaptiveHyperparameters {
  return {
    learningRate: assertHyperparameter('learningRate', options.learningRate, 0.01, { min: 0, minInclusive: false }),
    beta1: assertHyperparameter('beta1', options.beta1, 0.9, { min: 0, minInclusive: true, max: 1 }),
    beta2: assertHyperparameter('beta2', options.beta2, 0.99, { min: 0, minInclusive: true, max: 1 }),
    epsilon: assertHyperparameter('epsilon', options.epsilon, 1e-3, { min: 0, minInclusive: false }),
  };
}
