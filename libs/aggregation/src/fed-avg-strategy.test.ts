import fc from 'fast-check';
import { createServerOptimizer } from './create-server-optimizer';
import { fedAvg } from './fed-avg';
import { FedAvgStrategy } from './fed-avg-strategy';
import { closeToFloat32, updateList } from './testing/arbitraries';

describe('FedAvgStrategy', () => {
  it('adds the weighted mean delta to the global weights by default', () => {
    fc.assert(
      fc.property(updateList, (updates) => {
        const global = Float32Array.from(updates[0].delta, (_, i) => i * 0.5);
        const next = new FedAvgStrategy().aggregate(global, updates);
        const mean = fedAvg(updates);
        return next.every((x, i) => x === Math.fround(global[i] + mean[i]));
      }),
    );
  });

  it('aggregateSum (secure aggregation path) agrees with aggregate', () => {
    fc.assert(
      fc.property(updateList, (updates) => {
        const global = new Float32Array(updates[0].delta.length).fill(1);
        const sum = new Float64Array(global.length);
        let total = 0;
        for (const u of updates) {
          for (let i = 0; i < sum.length; i++) sum[i] += u.weight * u.delta[i];
          total += u.weight;
        }
        const strategy = new FedAvgStrategy();
        return closeToFloat32(strategy.aggregateSum(global, sum, total), strategy.aggregate(global, updates), 1e3);
      }),
    );
  });

  it('delegates to the given optimizer and keeps its state across rounds', () => {
    const strategy = new FedAvgStrategy(createServerOptimizer({ kind: 'fedavgm', learningRate: 1, momentum: 0.5 }));
    const updates = [{ delta: new Float32Array([1]), weight: 10 }];
    const first = strategy.aggregate(new Float32Array([0]), updates);
    const second = strategy.aggregate(first, updates);
    expect([first[0], second[0]]).toEqual([1, 2.5]);
  });

  it('combines with the robust aggregator it was given, then steps the optimizer', () => {
    const updates = [1, 2, 100].map((x, k) => ({ delta: new Float32Array([x]), weight: k + 1 }));
    const median = new FedAvgStrategy(createServerOptimizer({ kind: 'fedavg' }), { kind: 'median' });
    expect([...median.aggregate(new Float32Array([10]), updates)]).toEqual([12]);
    expect([...new FedAvgStrategy().aggregate(new Float32Array([10]), updates)]).toEqual([Math.fround(10 + 305 / 6)]);
  });

  it('rejects a delta whose length differs from the global weights', () => {
    const strategy = new FedAvgStrategy();
    expect(() => strategy.aggregate(new Float32Array(3), [{ delta: new Float32Array(2), weight: 1 }])).toThrow(
      /length mismatch/,
    );
    expect(() => strategy.aggregate(new Float32Array(3), [])).toThrow(/updates/);
    expect(() => new FedAvgStrategy({} as never)).toThrow(/optimizer/);
  });
});
