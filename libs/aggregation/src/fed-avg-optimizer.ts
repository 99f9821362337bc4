import { assertHyperparameter } from './assert-hyperparameter';
import { assertStepArguments } from './assert-step-arguments';
import type { ServerOptimizer } from './server-optimizer';

/**
 * w <- w + lr * meanDelta. With lr = 1 this is plain FedAvg (McMahan et al. 2017); other values
 * give FedAvg with a server learning rate (Reddi et al. 2021, Algorithm 1 with SGD as ServerOpt).
 *
 * @example
 * new FedAvgOptimizer().step(new Float32Array([1]), new Float32Array([0.5])); // [1.5]
 */
export class FedAvgOptimizer implements ServerOptimizer {
  readonly name = 'fedavg';
  readonly learningRate: number;

  constructor(learningRate?: number) {
    this.learningRate = assertHyperparameter('learningRate', learningRate, 1, { min: 0, minInclusive: false });
  }

  step(global: Float32Array, meanDelta: Float32Array): Float32Array {
    assertStepArguments(global, meanDelta);
    const next = new Float32Array(global.length);
    for (let i = 0; i < global.length; i++) next[i] = global[i] + this.learningRate * meanDelta[i];
    return next;
  }
}
