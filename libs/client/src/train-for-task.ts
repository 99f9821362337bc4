import type { TaskMessage } from '@edgefl/protocol';
import { deriveSeed } from '@edgefl/random';
import type { LocalDataset } from '@edgefl/runtime';
import type { LocalTrainer, LocalTrainingResult } from './local-trainer';

/**
 * The training step of a round: trains `task`'s model from `weights` on the local data with the
 * client's own seed (`deriveSeed(task.seed, 'train', clientId)`), stopping when `signal` aborts,
 * and reports each step through `onProgress`.
 *
 * @example
 * const result = await trainForTask(trainer, task, weights, data, clientId, abort.signal, (p) => emit('progress', p));
 */
export function trainForTask(
  trainer: LocalTrainer,
  task: TaskMessage,
  weights: Float32Array,
  data: LocalDataset,
  clientId: string,
  signal: AbortSignal,
  onProgress: (progress: { roundId: string; epoch: number; step: number; steps: number; loss: number }) => void,
): Promise<LocalTrainingResult> {
  return trainer.train(
    {
      roundId: task.roundId,
      model: task.model,
      weights,
      training: task.training,
      seed: deriveSeed(task.seed, 'train', clientId),
      signal,
      onProgress: (progress) => onProgress({ roundId: task.roundId, ...progress }),
    },
    data,
  );
}
