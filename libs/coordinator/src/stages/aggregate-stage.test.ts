import { FedAvgStrategy, createServerOptimizer } from '@edgefl/aggregation';
import { seededRandomSource } from '@edgefl/privacy';
import { RoundStage } from '@edgefl/protocol';
import { RoundAbortedError } from '../round-aborted-error';
import { testRoundContext } from '../testing/test-round-context';
import { testRoundState } from '../testing/test-round-state';
import { runAggregateStage } from './aggregate-stage';

describe('runAggregateStage (in memory)', () => {
  it("steps the global model by the strategy's FedAvg of the folded sum and evaluates it", async () => {
    const evaluate = jest.fn(async () => ({ accuracy: 0.75, loss: 0.5 }));
    const { context } = testRoundContext({ secure: false, minReports: 2 }, { evaluate });
    const state = testRoundState(1);
    state.reported.push('a', 'b');
    state.sum.add(new Float32Array(state.globalWeights.length).fill(0.5), 1);
    state.sum.add(new Float32Array(state.globalWeights.length).fill(-0.25), 3);
    const { weights, evaluation } = await runAggregateStage(context, state);
    expect(state.stage).toBe(RoundStage.Aggregate);
    expect([...new Set(weights)]).toEqual([Math.fround(1 + (0.5 - 0.75) / 4)]);
    expect(evaluation).toEqual({ accuracy: 0.75, loss: 0.5 });
    expect(evaluate).toHaveBeenCalledWith(weights);
  });

  it('uses the configured server optimizer (FedAvgM keeps its momentum across rounds)', async () => {
    const { context } = testRoundContext(
      { secure: false, minReports: 1 },
      { strategy: new FedAvgStrategy(createServerOptimizer({ kind: 'fedavgm', learningRate: 1, momentum: 0.5 })) },
    );
    const round = async (global: Float32Array): Promise<number> => {
      const state = testRoundState();
      state.globalWeights = global;
      state.reported.push('a');
      state.sum.add(new Float32Array(global.length).fill(1), 10);
      return (await runAggregateStage(context, state)).weights[0];
    };
    const first = await round(new Float32Array(testRoundState().globalWeights.length));
    const second = await round(new Float32Array(testRoundState().globalWeights.length).fill(first));
    expect([first, second]).toEqual([1, 2.5]);
  });

  it("combines the kept updates with the robust aggregator through the strategy's aggregate", async () => {
    const { context } = testRoundContext({ secure: false, minReports: 3, defence: { aggregator: { kind: 'median' } } });
    const state = testRoundState(0);
    const length = state.globalWeights.length;
    state.reported.push('a', 'b', 'c');
    state.updates = [1, 2, 100].map((value, k) => ({ delta: new Float32Array(length).fill(value), weight: k + 1 }));
    const { weights } = await runAggregateStage(context, state);
    expect([...new Set(weights)]).toEqual([2]);
  });

  it("central DP: noise comes from the context's dpRandom, so a fixed seed gives the same model and another seed another", async () => {
    const noisedStep = async (seed: number): Promise<Float32Array> => {
      const { context } = testRoundContext(
        { secure: false, minReports: 1, dp: { clip: 1, noiseMultiplier: 1, delta: 1e-5 } },
        { dpRandom: seededRandomSource(new Uint8Array(32).fill(seed)) },
      );
      const state = testRoundState(0);
      state.reported.push('a');
      state.dp = { samplingRate: 1, available: 1, unclipped: 1, clip: 1 };
      state.sum.add(new Float32Array(state.globalWeights.length), 1);
      return (await runAggregateStage(context, state)).weights;
    };
    const [first, again, other] = [await noisedStep(3), await noisedStep(3), await noisedStep(4)];
    expect([...again]).toEqual([...first]);
    expect(first.some((w, i) => w !== other[i])).toBe(true);
    // N(0, (z C)^2) = N(0, 1) per coordinate over a denominator of 1: not all zero, and bounded (fixed seed).
    expect(first.some((w) => w !== 0)).toBe(true);
    expect(Math.max(...first.map(Math.abs))).toBeLessThan(6);
  });

  it('abandons the attempt with too few reports, an aggregator that cannot combine them, or a non-finite result', async () => {
    const { context } = testRoundContext({ secure: false, minReports: 2 });
    const few = testRoundState();
    few.cohort = new Set(['a', 'b', 'c']);
    few.reported.push('a');
    await expect(runAggregateStage(context, few)).rejects.toEqual(
      new RoundAbortedError('only 1 of 3 selected clients reported, the round needs 2'),
    );

    const krum = testRoundContext({
      secure: false,
      minReports: 5,
      defence: { aggregator: { kind: 'multi-krum', byzantine: 1 } },
    }).context;
    const state = testRoundState();
    state.reported.push('a', 'b', 'c', 'd', 'e');
    // Multi-Krum with b = 1 needs 2b + 3 = 5 updates: four (one lost after its report was counted) cannot be combined.
    state.updates = [1, 2, 3, 4].map((value) => ({
      delta: new Float32Array(state.globalWeights.length).fill(value),
      weight: 1,
    }));
    await expect(runAggregateStage(krum, state)).rejects.toThrow(
      /the multi-krum aggregator cannot combine 4 updates: /,
    );

    const huge = testRoundState(3e38);
    huge.reported.push('a', 'b');
    huge.sum.add(new Float32Array(huge.globalWeights.length).fill(3e38), 1);
    await expect(runAggregateStage(context, huge)).rejects.toEqual(
      new RoundAbortedError('the aggregate is not finite'),
    );
  });
});
