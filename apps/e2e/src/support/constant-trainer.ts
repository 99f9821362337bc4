import type { LocalTrainer, LocalTrainingResult, LocalTrainingTask } from '@edgefl/client';
import type { LocalDataset } from '@edgefl/runtime';

/**
 * A trainer with no model: it returns `delta` filled with `value` after `delayMs`. Lets the
 * lifecycle tests run real sockets and a real coordinator without paying for tfjs training.
 */
export class ConstantTrainer implements LocalTrainer {
  readonly backend = 'constant';
  calls = 0;

  constructor(
    private readonly value: number,
    private readonly delayMs = 0,
  ) {}

  async train(task: LocalTrainingTask, data: LocalDataset): Promise<LocalTrainingResult> {
    this.calls++;
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    return {
      delta: new Float32Array(task.weights.length).fill(this.value),
      numSamples: data.count,
      metrics: { loss: 1, accuracy: 0.5 },
    };
  }

  dispose(): void {
    // Holds nothing.
  }
}
