import fc from 'fast-check';
import { FedAvgSum } from './fed-avg-sum';
import { fedAvg } from './fed-avg';
import { meanFromWeightedSum } from './mean-from-weighted-sum';
import { updateList } from './testing/arbitraries';

describe('FedAvgSum', () => {
  it('folded one update at a time, gives bit for bit the mean fedAvg gives for the list', () => {
    fc.assert(
      fc.property(updateList, (updates) => {
        const sum = new FedAvgSum(updates[0].delta.length);
        for (const update of updates) sum.add(update.delta, update.weight);
        expect(meanFromWeightedSum(sum.weightedSum, sum.totalWeight)).toEqual(fedAvg(updates));
      }),
      { seed: 12 },
    );
  });

  it('keeps sum_k n_k delta_k in float64 and sum_k n_k', () => {
    const sum = new FedAvgSum(2);
    sum.add(new Float32Array([1, 0]), 1);
    sum.add(new Float32Array([0, 1]), 3);
    expect([...sum.weightedSum]).toEqual([1, 3]);
    expect(sum.totalWeight).toBe(4);
  });

  it('names a delta of the wrong length and a bad length', () => {
    expect(() => new FedAvgSum(3).add(new Float32Array(2), 1)).toThrow(
      'delta has length 2, expected 3 (length mismatch)',
    );
    expect(() => new FedAvgSum(-1)).toThrow('length must be an integer >= 0, got -1');
  });

  it('addSum adds another partial sum; names a wrong length and a bad total', () => {
    const sum = new FedAvgSum(2);
    sum.add(new Float32Array([1, 0]), 1);
    sum.addSum(Float64Array.from([0, 3]), 3);
    expect([...sum.weightedSum]).toEqual([1, 3]);
    expect(sum.totalWeight).toBe(4);
    expect(() => sum.addSum(new Float64Array(3), 1)).toThrow('partial sum has length 3, expected 2 (length mismatch)');
    expect(() => sum.addSum(new Float64Array(2), Number.NaN)).toThrow(
      'partial sum total weight must be finite and >= 0, got NaN',
    );
  });
});
