import { applyPruningMask, decodePruningMask, gatherKept, modelParameterCount } from '@edgefl/protocol';
import type { TaskMessage } from '@edgefl/protocol';
import { deriveSeed } from '@edgefl/random';
import type { LocalDataset } from '@edgefl/runtime';
import type { LocalTrainer, LocalTrainingResult } from './local-trainer';

/**
 * The training step of a round: trains `task`'s model from `weights` on the local data with the
 * client's own seed (`deriveSeed(task.seed, 'train', clientId)`), stopping when `signal` aborts,
 * and reports each step through `onProgress`. For a pruned model (`task.mask`) training starts
 * from `weights` with the pruned coordinates at exactly 0 (a rebuilt downlink model may be a grid
 * step off), the trainer holds them there, and the result's `delta` is the **kept coordinates
 * only**, ascending (docs/PROTOCOL.md, "Pruning mask"): what plain and secure updates carry.
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
  const mask = task.mask && decodePruningMask(task.mask, modelParameterCount(task.model));
  const result = trainer.train(
    {
      roundId: task.roundId,
      model: task.model,
      weights: mask ? applyPruningMask(weights, mask) : weights,
      mask,
      training: task.training,
      seed: deriveSeed(task.seed, 'train', clientId),
      signal,
      onProgress: (progress) => onProgress({ roundId: task.roundId, ...progress }),
    },
    data,
  );
  return mask ? result.then((trained) => ({ ...trained, delta: gatherKept(trained.delta, mask) })) : result;
}
