import type { LocalTrainer, LocalTrainingResult, LocalTrainingTask } from '@edgefl/client';
import { makeProceduralDataset } from '@edgefl/datasets';
import type { LocalDataset } from '@edgefl/runtime';

/** Options of {@link ProceduralDataTrainer}. */
export interface ProceduralDataTrainerOptions {
  /** Trains on the generated examples (a `TfjsTrainer` in the demo). */
  trainer: LocalTrainer;
  /** Examples to generate per model shape. */
  count: number;
  /** Seeds the examples; the class prototypes are fixed, so every device learns the same classes. */
  seed: number;
}

/**
 * A {@link LocalTrainer} for demos and tests on devices without real data: it trains on
 * procedural examples shaped for whichever model the coordinator's task names, generated once
 * per shape and kept, so a page works with any coordinator's model without being told its shape.
 * The dataset the `FederatedClient` holds is used as is when its shape and classes match.
 *
 * @example
 * const trainer = new ProceduralDataTrainer({ trainer: new TfjsTrainer(), count: 64, seed: 7 });
 * new FederatedClient({ url, data: makeProceduralDataset({ count: 64, seed: 7 }), trainer });
 */
export class ProceduralDataTrainer implements LocalTrainer {
  private readonly inner: LocalTrainer;
  private readonly count: number;
  private readonly seed: number;
  private generated?: { key: string; data: LocalDataset };

  constructor(options: ProceduralDataTrainerOptions) {
    if (typeof options !== 'object' || options === null)
      throw new TypeError('options must be an object with trainer, count and seed');
    const { trainer, count, seed } = options;
    if (
      typeof trainer !== 'object' ||
      trainer === null ||
      typeof trainer.train !== 'function' ||
      typeof trainer.dispose !== 'function'
    ) {
      throw new TypeError('options.trainer must be a LocalTrainer (train, dispose, backend)');
    }
    if (!Number.isInteger(count) || count < 1)
      throw new RangeError(`options.count must be a positive integer, got ${count}`);
    if (!Number.isInteger(seed) || seed < 0)
      throw new RangeError(`options.seed must be a non-negative integer, got ${seed}`);
    this.inner = trainer;
    this.count = count;
    this.seed = seed;
  }

  get backend(): string {
    return this.inner.backend;
  }

  train(task: LocalTrainingTask, data: LocalDataset): Promise<LocalTrainingResult> {
    return this.inner.train(task, this.dataFor(task, data));
  }

  dispose(): void {
    this.inner.dispose();
  }

  private dataFor(task: LocalTrainingTask, data: LocalDataset): LocalDataset {
    const { inputShape, classes } = task.model;
    if (sameShape(data.shape, inputShape) && data.classes === classes) return data;
    const key = `${inputShape.join('x')}/${classes}`;
    if (this.generated?.key !== key) {
      this.generated = {
        key,
        data: makeProceduralDataset({ count: this.count, seed: this.seed, shape: [...inputShape], classes }),
      };
    }
    return this.generated.data;
  }
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}
