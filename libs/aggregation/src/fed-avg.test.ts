import fc from 'fast-check';
import { fedAvg } from './fed-avg';
import { closeToFloat32, float32Value, updateList } from './testing/arbitraries';
import type { WeightedUpdate } from './weighted-update';

function naiveWeightedMean(updates: readonly WeightedUpdate[]): number[] {
  const total = updates.reduce((acc, u) => acc + u.weight, 0);
  return Array.from(updates[0].delta, (_, i) => updates.reduce((acc, u) => acc + u.weight * u.delta[i], 0) / total);
}

function maxAbs(updates: readonly WeightedUpdate[]): number {
  return updates.reduce((acc, u) => u.delta.reduce((m, x) => Math.max(m, Math.abs(x)), acc), 1);
}

describe('fedAvg', () => {
  it('matches a fixed vector', () => {
    const mean = fedAvg([
      { delta: new Float32Array([1, 0, 2]), weight: 1 },
      { delta: new Float32Array([0, 1, -2]), weight: 3 },
    ]);
    expect(Array.from(mean)).toEqual([0.25, 0.75, -1]);
  });

  it('equals the sample-weighted mean computed naively in float64', () => {
    fc.assert(
      fc.property(updateList, (updates) =>
        closeToFloat32(fedAvg(updates), naiveWeightedMean(updates), maxAbs(updates)),
      ),
    );
  });

  it('is invariant under permutation of the updates', () => {
    fc.assert(
      fc.property(
        updateList.chain((updates) =>
          fc.tuple(fc.constant(updates), fc.shuffledSubarray(updates, { minLength: updates.length })),
        ),
        ([updates, permuted]) => closeToFloat32(fedAvg(permuted), fedAvg(updates), maxAbs(updates)),
      ),
    );
  });

  it('with equal weights is the arithmetic mean', () => {
    fc.assert(
      fc.property(updateList, fc.integer({ min: 1, max: 1000 }), (updates, weight) => {
        const equal = updates.map((u) => ({ delta: u.delta, weight }));
        const arithmetic = Array.from(
          updates[0].delta,
          (_, i) => updates.reduce((acc, u) => acc + u.delta[i], 0) / updates.length,
        );
        return closeToFloat32(fedAvg(equal), arithmetic, maxAbs(updates));
      }),
    );
  });

  it('returns a single update unchanged (as a copy)', () => {
    fc.assert(
      fc.property(fc.array(float32Value), fc.integer({ min: 1, max: 1e6 }), (values, weight) => {
        const delta = Float32Array.from(values);
        const mean = fedAvg([{ delta, weight }]);
        return mean !== delta && mean.every((x, i) => x === delta[i]);
      }),
    );
  });

  it('does not mutate its inputs', () => {
    const updates = [
      { delta: new Float32Array([1, 2]), weight: 2 },
      { delta: new Float32Array([3, 4]), weight: 5 },
    ];
    fedAvg(updates);
    expect(Array.from(updates[0].delta)).toEqual([1, 2]);
    expect(Array.from(updates[1].delta)).toEqual([3, 4]);
  });

  it('names what is wrong with bad input', () => {
    const ok = { delta: new Float32Array([1, 2]), weight: 1 };
    expect(() => fedAvg([])).toThrow(/updates must be a non-empty/);
    expect(() => fedAvg([ok, { delta: new Float32Array(3), weight: 1 }])).toThrow(
      /updates\[1\]\.delta .*length mismatch/,
    );
    expect(() => fedAvg([ok, { delta: new Float32Array(2), weight: 0 }])).toThrow(/updates\[1\]\.weight/);
    expect(() => fedAvg([{ delta: new Float32Array(2), weight: -3 }])).toThrow(/updates\[0\]\.weight/);
    expect(() => fedAvg([{ delta: new Float32Array(2), weight: Number.POSITIVE_INFINITY }])).toThrow(/weight/);
    expect(() => fedAvg([{ delta: new Float32Array(2), weight: Number.NaN }])).toThrow(/weight/);
    expect(() => fedAvg([ok, { delta: new Float32Array([0, Number.NaN]), weight: 1 }])).toThrow(
      /updates\[1\]\.delta .*element 1 is NaN/,
    );
    expect(() => fedAvg([{ delta: new Float32Array([Number.NEGATIVE_INFINITY]), weight: 1 }])).toThrow(
      /delta must be finite/,
    );
  });
});
