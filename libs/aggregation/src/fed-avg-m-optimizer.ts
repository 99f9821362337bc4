import { assertHyperparameter } from './assert-hyperparameter';
import { assertStepArguments } from './assert-step-arguments';
import type { ServerOptimizer } from './server-optimizer';

/**
 * FedAvgM, server momentum (Hsu et al. 2019; Reddi et al. 2021 as SGD with momentum for ServerOpt):
 * m <- beta * m + meanDelta; w <- w + lr * m. The momentum buffer lives in this instance and is
 * sized on the first step; later steps must keep the same length.
 *
 * @example
 * const optimizer = new FedAvgMOptimizer(1, 0.9);
 * optimizer.step(new Float32Array([0]), new Float32Array([1])); // [1]
 * optimizer.step(new Float32Array([1]), new Float32Array([1])); // [2.9]
 */
export class FedAvgMOptimizer implements ServerOptimizer {
  readonly name = 'fedavgm';
  readonly learningRate: number;
  readonly momentum: number;
  private velocity: Float64Array | undefined;

  constructor(learningRate?: number, momentum?: number) {
    this.learningRate = assertHyperparameter('learningRate', learningRate, 1, { min: 0, minInclusive: false });
    this.momentum = assertHyperparameter('momentum', momentum, 0.9, { min: 0, minInclusive: true, max: 1 });
  }

  step(global: Float32Array, meanDelta: Float32Array): Float32Array {
    assertStepArguments(global, meanDelta);
    this.velocity ??= new Float64Array(global.length);
    const velocity = this.velocity;
    if (velocity.length !== global.length) {
      throw new Error(`global has length ${global.length}, but this optimizer's state has length ${velocity.length}`);
    }
    const next = new Float32Array(global.length);
    for (let i = 0; i < global.length; i++) {
      velocity[i] = this.momentum * velocity[i] + meanDelta[i];
      next[i] = global[i] + this.learningRate * velocity[i];
    }
    return next;
  }
}
