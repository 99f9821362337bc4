import type { LocalTrainer, LocalTrainingResult, LocalTrainingTask } from '@edgefl/client';

/**
 * A trainer for hostile tests: `result(task)` decides what it reports (any delta, any sample
 * count), or `'silent'` never finishes a round (until the SDK aborts it for the next task).
 *
 * @example
 * new ScriptedTrainer((task) => ({ delta: new Float32Array(task.weights.length).fill(3.4e38), numSamples: 2 ** 40, metrics: { loss: 1, accuracy: 0 } }));
 * new ScriptedTrainer('silent');
 */
export class ScriptedTrainer implements LocalTrainer {
  readonly backend = 'scripted';

  constructor(private readonly result: ((task: LocalTrainingTask) => LocalTrainingResult) | 'silent') {}

  train(task: LocalTrainingTask): Promise<LocalTrainingResult> {
    const { result } = this;
    if (result !== 'silent') return Promise.resolve(result(task));
    return new Promise((_resolve, reject) => {
      task.signal.addEventListener('abort', () => reject(new Error('aborted: a new task came')), { once: true });
    });
  }

  dispose(): void {
    // Holds nothing.
  }
}
