import fc from 'fast-check';
import { assertAggregatorConfig, minimumReportsFor } from './aggregator-config';
import { combineUpdates } from './combine-updates';
import { coordinateMedian } from './coordinate-median';
import { fedAvg } from './fed-avg';
import { closeToFloat32, updateList } from './testing/arbitraries';

describe('combineUpdates', () => {
  it('fedavg is the sample-weighted mean; the robust ones ignore sample counts', () => {
    fc.assert(
      fc.property(updateList, (updates) => {
        const weighted = updates.map((u) => ({ ...u, weight: u.weight }));
        const total = updates.reduce((acc, u) => acc + u.weight, 0);
        const naive = Array.from(
          updates[0].delta,
          (_, i) => updates.reduce((acc, u) => acc + u.weight * u.delta[i], 0) / total,
        );
        expect(closeToFloat32(combineUpdates({ kind: 'fedavg' }, weighted), naive, 1e3)).toBe(true);
        expect(combineUpdates({ kind: 'fedavg' }, updates)).toEqual(fedAvg(updates));
        const reweighted = updates.map((u, k) => ({ ...u, weight: k + 1 }));
        expect(combineUpdates({ kind: 'median' }, reweighted)).toEqual(coordinateMedian(updates.map((u) => u.delta)));
        expect(combineUpdates({ kind: 'trimmed-mean', trim: 0.2 }, reweighted)).toEqual(
          combineUpdates({ kind: 'trimmed-mean', trim: 0.2 }, updates),
        );
      }),
    );
  });

  it('multi-krum combines through multiKrum', () => {
    const updates = [1, 1.1, 0.9, 1.05, 1e6].map((value) => ({ delta: new Float32Array([value]), weight: 1 }));
    expect(Array.from(combineUpdates({ kind: 'multi-krum', byzantine: 1 }, updates))).toEqual([Math.fround(4.05 / 4)]);
  });
});

describe('assertAggregatorConfig', () => {
  it('accepts the four kinds and names a bad field', () => {
    expect(assertAggregatorConfig({ kind: 'median' }, 'a')).toEqual({ kind: 'median' });
    expect(assertAggregatorConfig({ kind: 'multi-krum', byzantine: 2 }, 'a')).toEqual({
      kind: 'multi-krum',
      byzantine: 2,
    });
    expect(() => assertAggregatorConfig({ kind: 'trimmed-mean', trim: 0.5 }, 'config.aggregator')).toThrow(
      'config.aggregator.trim must be a number in (0, 0.5), got 0.5',
    );
    expect(() => assertAggregatorConfig({ kind: 'krum' } as never, 'a')).toThrow(
      'a.kind must be one of fedavg, median, trimmed-mean, multi-krum, got krum',
    );
    expect(() => assertAggregatorConfig({ kind: 'multi-krum', byzantine: 0 }, 'a')).toThrow(
      'a.byzantine must be an integer >= 1',
    );
    expect(minimumReportsFor({ kind: 'multi-krum', byzantine: 2 })).toBe(7);
    expect(minimumReportsFor({ kind: 'median' })).toBe(1);
  });
});
