import { sparsityAtRound } from '@edgefl/aggregation';
import { prunableKernelSegments } from '@edgefl/models';
import { pruningMaskFromFlags } from '@edgefl/protocol';
import type { PruningMask } from '@edgefl/protocol';
import type { CoordinatorConfig } from './coordinator-config';

/**
 * The mask of the global model a round starts from (sent as `task.mask`, docs/PROTOCOL.md
 * "Pruning mask"), or undefined while that model is dense (no schedule, or version
 * `modelVersion` was produced before the schedule's first pruning round). Once pruning has begun
 * it is the zero pattern of the model's kernels: a kernel coordinate is pruned exactly when its
 * global weight is 0. Every pruned coordinate stays 0 (clients send nothing for it, and
 * {@link pruneGlobalModel} zeroes it again after aggregation), so the mask changes only at the
 * schedule's pruning rounds, and a restarted coordinator rebuilds it from its checkpoint.
 *
 * @example
 * state.pruningMask = roundPruningMask(config, state.modelVersion, state.globalWeights);
 */
export function roundPruningMask(
  config: Pick<CoordinatorConfig, 'pruning' | 'model'>,
  modelVersion: number,
  globalWeights: Float32Array,
): PruningMask | undefined {
  if (!config.pruning || sparsityAtRound(config.pruning, modelVersion) === 0) return undefined;
  const kept = new Uint8Array(globalWeights.length).fill(1);
  for (const { offset, length } of prunableKernelSegments(config.model)) {
    for (let i = offset; i < offset + length; i++) if (globalWeights[i] === 0) kept[i] = 0;
  }
  return pruningMaskFromFlags(kept);
}
