import fc from 'fast-check';
import { fedAvg } from './fed-avg';
import { meanFromWeightedSum } from './mean-from-weighted-sum';
import { closeToFloat32, updateList } from './testing/arbitraries';

describe('meanFromWeightedSum', () => {
  it('divides by the total weight', () => {
    expect(Array.from(meanFromWeightedSum(new Float64Array([3, 6, -1.5]), 3))).toEqual([1, 2, -0.5]);
  });

  it('agrees with fedAvg when given the sums secure aggregation reveals', () => {
    fc.assert(
      fc.property(updateList, (updates) => {
        const sum = new Float64Array(updates[0].delta.length);
        let total = 0;
        for (const u of updates) {
          for (let i = 0; i < sum.length; i++) sum[i] += u.weight * u.delta[i];
          total += u.weight;
        }
        return closeToFloat32(meanFromWeightedSum(sum, total), fedAvg(updates), 1e3);
      }),
    );
  });

  it('names bad arguments', () => {
    expect(() => meanFromWeightedSum(new Float64Array(2), 0)).toThrow(/totalWeight/);
    expect(() => meanFromWeightedSum(new Float64Array(2), Number.NaN)).toThrow(/totalWeight/);
    expect(() => meanFromWeightedSum(new Float64Array([1, Number.POSITIVE_INFINITY]), 2)).toThrow(
      /weightedSum .*element 1/,
    );
    expect(() => meanFromWeightedSum([1, 2] as unknown as Float64Array, 2)).toThrow(/weightedSum must be/);
  });
});
