import { assertHyperparameter } from './assert-hyperparameter';
import { assertStepArguments } from './assert-step-arguments';
import type { ServerOptimizer } from './server-optimizer';

/**
 * FedAvgM, server momentum (Hsu et al. 2019; Reddi et al. 2021 as SGD with momentum for ServerOpt):
 * m <- beta * m + meanDelta; w <- w + lr * m. The momentum buffer lives in this instance and is
 * sized on the first step; later steps must keep the same length.
 *
 * The default lr is 1 - beta, Hsu et al.'s effective learning rate lr / (1 - beta) = 1: a delta
 * that repeats moves the model as far per round as FedAvg would, while momentum averages the
 * cohorts' deltas over about 1 / (1 - beta) rounds. (lr 1 with beta 0.9 takes steps up to 10 times
 * FedAvg's, which overshot in bench:algorithms.)
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
    this.momentum = assertHyperparameter('momentum', momentum, 0.9, { min: 0, minInclusive: true, max: 1 });
    this.learningRate = assertHyperparameter('learningRate', learningRate, 1 - this.momentum, {
      min: 0,
      minInclusive: false,
    });
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
