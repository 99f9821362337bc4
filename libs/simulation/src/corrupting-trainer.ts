import type { LocalTrainer, LocalTrainingResult, LocalTrainingTask } from '@edgefl/client';
import type { LocalDataset } from '@edgefl/runtime';
import { SeededRandom } from '@edgefl/random';

/**
 * A bad actor: trains like everyone else, then corrupts its update (NaN, infinite values or a wrong
 * length, chosen per round) so the coordinator's checks can be seen at work.
 */
export class CorruptingTrainer implements LocalTrainer {
  constructor(private readonly inner: LocalTrainer) {}

  get backend(): string {
    return this.inner.backend;
  }

  async train(task: LocalTrainingTask, data: LocalDataset): Promise<LocalTrainingResult> {
    const result = await this.inner.train(task, data);
    const kind = new SeededRandom(task.seed).nextInt(3);
    const delta = kind === 1 ? result.delta.subarray(0, result.delta.length - 1).slice() : result.delta.slice();
    if (kind === 0) delta[0] = Number.NaN;
    if (kind === 2) delta[delta.length - 1] = Number.POSITIVE_INFINITY;
    return { ...result, delta };
  }

  dispose(): void {
    this.inner.dispose();
  }
}
