import { FedAvgStrategy } from '@edgefl/aggregation';
import { RoundStage } from '@edgefl/protocol';
import { decodeSecureSum } from '@edgefl/quantization';
import { CohortIndex } from '../cohort-index';
import { RoundAbortedError } from '../round-aborted-error';
import type { RoundState } from '../round-state';
import type { SecureRoundState } from '../secure-round-state';
import { TEST_SECURE } from '../testing/secure-test-round';
import { testRoundContext } from '../testing/test-round-context';
import { testRoundState } from '../testing/test-round-state';
import { runSecureAggregateStage } from './secure-aggregate-stage';

/** A state whose secure round unmasked `sum` over the survivors (cohort a, b, c numbered 1, 2, 3). */
function unmasked(sum: Uint32Array | undefined, survivors: number[]): RoundState {
  const state = testRoundState(0.25);
  state.cohort = new Set(['a', 'b', 'c']);
  state.secure = {
    config: TEST_SECURE,
    cohortIndex: new CohortIndex(['a', 'b', 'c']),
    modulusBits: 10,
    vectorLength: state.globalWeights.length + 1,
    sum,
    survivors,
  } as unknown as SecureRoundState;
  return state;
}

describe('runSecureAggregateStage (in memory)', () => {
  it('decodes the unmasked sum and steps the model by the same FedAvg as plain rounds (aggregateSum); survivors are the participants', async () => {
    const { context } = testRoundContext({ secure: TEST_SECURE, minReports: 2 });
    const length = testRoundState().globalWeights.length + 1;
    const sum = Uint32Array.from({ length }, (_, i) => (i * 13) % 511);
    sum[length - 1] = 300;
    const state = unmasked(sum, [1, 3]);
    const { weights } = await runSecureAggregateStage(context, state);
    const decoded = decodeSecureSum(sum, 2, TEST_SECURE.bits, TEST_SECURE.range);
    const expected = new FedAvgStrategy().aggregateSum(
      new Float32Array(length - 1).fill(0.25),
      decoded.weightedSum,
      decoded.totalWeight,
    );
    expect(weights).toEqual(expected);
    expect(state.stage).toBe(RoundStage.Aggregate);
    expect(state.reported).toEqual(['a', 'c']);
    expect(state.dropped).toEqual(new Set(['b']));
  });

  it('abandons the attempt without a sum, with a sum that does not decode, or with zero total weight', async () => {
    const { context } = testRoundContext({ secure: TEST_SECURE, minReports: 2 });
    const length = testRoundState().globalWeights.length + 1;
    await expect(runSecureAggregateStage(context, unmasked(undefined, []))).rejects.toEqual(
      new RoundAbortedError('the secure round produced no sum'),
    );
    const tooBig = new Uint32Array(length).fill(1);
    tooBig[length - 1] = 2 * 255 + 1;
    await expect(runSecureAggregateStage(context, unmasked(tooBig, [1, 2]))).rejects.toThrow(
      /^the unmasked sum does not decode: /,
    );
    await expect(runSecureAggregateStage(context, unmasked(new Uint32Array(length), [1, 2]))).rejects.toEqual(
      new RoundAbortedError("the survivors' weights sum to zero"),
    );
  });
});
