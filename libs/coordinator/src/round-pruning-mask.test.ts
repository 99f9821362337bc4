import { prunableKernelSegments } from '@edgefl/models';
import type { ModelSpec } from '@edgefl/protocol';
import { DEFAULT_COORDINATOR_CONFIG } from './coordinator-config';
import { pruneGlobalModel } from './prune-global-model';
import { roundPruningMask } from './round-pruning-mask';

// Kernels [3,3,1,1] (0-8) and [1,1,1,2] (9-10), bias 11-12, dense [4*4*2, 3] (13-108), bias 109-111.
// One block: only the dense kernel is pruned (prunableKernelSegments).
const MODEL: ModelSpec = { kind: 'separable-cnn', inputShape: [8, 8, 1], widths: [2], classes: 3 };
const P = 112;
const config = {
  ...DEFAULT_COORDINATOR_CONFIG,
  model: MODEL,
  pruning: { sparsity: 0.5, startRound: 2, everyRounds: 2, steps: 2 },
};

/** Weights 1..P with the given coordinates at 0. */
function weightsWithZeros(zeros: number[]): Float32Array {
  const weights = Float32Array.from({ length: P }, (_, i) => i + 1);
  for (const i of zeros) weights[i] = 0;
  return weights;
}

describe('roundPruningMask', () => {
  it('is absent while the model is dense: no schedule, or a version before the first pruning round', () => {
    const zeros = weightsWithZeros([0, 1]);
    expect(roundPruningMask({ ...config, pruning: undefined }, 5, zeros)).toBeUndefined();
    expect(roundPruningMask(config, 1, zeros)).toBeUndefined();
  });

  it("is the pruned kernels' zero pattern once pruning has begun; a zero bias or unpruned kernel weight stays kept", () => {
    const mask = roundPruningMask(config, 2, weightsWithZeros([0, 4, 9, 11, 13, 50, 109]));
    if (!mask) throw new Error('no mask once pruning has begun');
    expect(mask.parameterCount).toBe(P);
    const kept = new Set(mask.keptIndices);
    expect([13, 50].filter((i) => kept.has(i))).toEqual([]);
    expect([0, 4, 9, 11, 109].every((i) => kept.has(i))).toBe(true);
    expect(mask.keptIndices.length).toBe(P - 2);
  });
});

describe('pruneGlobalModel', () => {
  it('zeroes the round mask again before pruning, so revived coordinates stay pruned and the mask only grows', () => {
    const [dense] = prunableKernelSegments(MODEL);
    expect(dense).toEqual({ offset: 13, length: 96 });
    // 42 = floor(0.4375 * 96) zeros, the smallest-magnitude coordinates 13-54.
    const start = weightsWithZeros(Array.from({ length: 42 }, (_, i) => 13 + i));
    const pruningMask = roundPruningMask(config, 2, start);
    // A server optimizer's momentum moved the pruned coordinates 13-16 to large values.
    const aggregated = start.slice();
    aggregated.set([1000, 1000, 1000, 1000], 13);
    // Round 3 is no pruning round: the sparsity stays 0.5 * (1 - 0.5^3) = 0.4375.
    const pruned = pruneGlobalModel(config, { round: 3, pruningMask }, aggregated);
    expect(Array.from(pruned.subarray(13, 17))).toEqual([0, 0, 0, 0]);
    expect(Array.from(pruned.subarray(55, 60))).toEqual([56, 57, 58, 59, 60]);
    // The depthwise and first pointwise kernels are never pruned.
    expect(Array.from(pruned.subarray(0, 11))).toEqual(Array.from(start.subarray(0, 11)));
    // Without the mask the magnitude step alone would have kept the revived ones and pruned others.
    const unmasked = pruneGlobalModel(config, { round: 3 }, aggregated);
    expect(Array.from(unmasked.subarray(13, 17))).toEqual([1000, 1000, 1000, 1000]);
    expect(unmasked[55]).toBe(0);
  });

  it('leaves the model alone before the schedule starts or without one', () => {
    const weights = weightsWithZeros([]);
    expect(pruneGlobalModel(config, { round: 1 }, weights)).toBe(weights);
    expect(pruneGlobalModel({ ...config, pruning: undefined }, { round: 4 }, weights)).toBe(weights);
  });
});
