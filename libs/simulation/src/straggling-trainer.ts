import type { LocalTrainer, LocalTrainingResult, LocalTrainingTask } from '@edgefl/client';
import type { LocalDataset } from '@edgefl/runtime';

/** Wraps a trainer so that, for the rounds `isLate` picks, it reports only after `delayMs`. */
export class StragglingTrainer implements LocalTrainer {
  constructor(
    private readonly inner: LocalTrainer,
    private readonly isLate: (task: LocalTrainingTask) => boolean,
    private readonly delayMs: number,
  ) {}

  get backend(): string {
    return this.inner.backend;
  }

  async train(task: LocalTrainingTask, data: LocalDataset): Promise<LocalTrainingResult> {
    const result = await this.inner.train(task, data);
    if (this.isLate(task)) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    return result;
  }

  dispose(): void {
    this.inner.dispose();
  }
}
