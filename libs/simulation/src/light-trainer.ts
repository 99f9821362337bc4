import type { LocalTrainer, LocalTrainingResult, LocalTrainingTask } from '@edgefl/client';
import type { LocalDataset } from '@edgefl/runtime';

/** The value every entry of a {@link LightTrainer} delta holds. */
export const LIGHT_DELTA_VALUE = 1 / 1024;

/**
 * A trainer without tfjs for load runs (`edgefl-sim --light`): after `delayMs` it returns a fixed
 * small synthetic delta (every entry {@link LIGHT_DELTA_VALUE}) with the dataset's size as sample
 * count. The coordinator's path (cohorts, codecs, aggregation, storage) runs in full; only the
 * client's compute is skipped.
 *
 * @example
 * new FederatedClient({ url, data, trainer: new LightTrainer(50) });
 */
export class LightTrainer implements LocalTrainer {
  readonly backend = 'light';

  constructor(private readonly delayMs = 0) {
    if (!Number.isInteger(delayMs) || delayMs < 0)
      throw new RangeError(`delayMs must be an integer >= 0, got ${delayMs}`);
  }

  async train(task: LocalTrainingTask, data: LocalDataset): Promise<LocalTrainingResult> {
    if (this.delayMs > 0) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(resolve, this.delayMs);
        task.signal.addEventListener(
          'abort',
          () => {
            clearTimeout(timer);
            reject(new Error('training aborted'));
          },
          { once: true },
        );
      });
    }
    return {
      delta: new Float32Array(task.weights.length).fill(LIGHT_DELTA_VALUE),
      numSamples: data.count,
      metrics: { loss: 1, accuracy: 0 },
    };
  }

  dispose(): void {
    // Holds nothing.
  }
}
