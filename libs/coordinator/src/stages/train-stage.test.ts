import { ErrorCode, RoundStage, encodeFloat32Vector } from '@edgefl/protocol';
import type { UpdateMessage } from '@edgefl/protocol';
import type { CoordinatorConfigInput } from '../coordinator-config';
import { testRoundContext } from '../testing/test-round-context';
import { testRoundState } from '../testing/test-round-state';
import { TrainStage } from './train-stage';

/** A training stage over a cohort of connected clients, opened as the configure stage leaves it. */
function openTraining(cohort: string[], config: CoordinatorConfigInput = {}) {
  const { context, channel, stop } = testRoundContext({
    secure: false,
    clientsPerRound: cohort.length,
    minReports: 1,
    stageGraceFactor: 0,
    ...config,
    // No norm bound unless a test sets one: the sums below are exact.
    defence: { maxUpdateNorm: null, ...config.defence },
  });
  const state = testRoundState();
  for (const clientId of cohort) {
    channel.connect(clientId);
    state.cohort.add(clientId);
  }
  state.stage = RoundStage.Train;
  const stage = new TrainStage(context, state);
  const update = (value: number, numSamples = 1, fields: Partial<UpdateMessage> = {}): UpdateMessage => ({
    type: 'update',
    roundId: state.roundId,
    modelVersion: 0,
    numSamples,
    metrics: { loss: value * 10 },
    encoding: { kind: 'float32' },
    payload: encodeFloat32Vector(new Float32Array(state.globalWeights.length).fill(value)),
    ...fields,
  });
  return { context, channel, stop, state, stage, update };
}

describe('TrainStage (in memory)', () => {
  it('folds each accepted update into the FedAvg sum and closes when the goal count reported, telling the rest goal-met', async () => {
    const { state, stage, update, channel } = openTraining(['a', 'b', 'c'], { clientsPerRound: 2 });
    const done = stage.run();
    stage.acceptUpdate('a', update(0.5, 3));
    expect(state.stage).toBe(RoundStage.Train);
    stage.acceptUpdate('c', update(-1, 1));
    await done;
    expect(state.stage).toBe(RoundStage.Aggregate);
    expect(state.reported).toEqual(['a', 'c']);
    expect(state.sum.totalWeight).toBe(4);
    expect(state.sum.weightedSum[0]).toBe(3 * 0.5 - 1);
    expect((state.trainLossSum / state.trainLossWeight).toFixed(6)).toBe(((3 * 5 - 10) / 4).toFixed(6));
    expect(state.dropped.size).toBe(0);
    expect(channel.recipientsOf('goal-met')).toEqual(['b']);
    expect(channel.sentTo('b', 'goal-met')).toEqual([{ type: 'goal-met', roundId: state.roundId, round: 1 }]);
    expect(() => stage.acceptUpdate('b', update(0))).toThrow(expect.objectContaining({ code: ErrorCode.LateReport }));
  });

  it('refuses duplicates, strangers, stale model versions and bad payloads with named codes', async () => {
    const { stage, update, state } = openTraining(['a', 'b']);
    const done = stage.run();
    stage.acceptUpdate('a', update(0.1));
    const code = (clientId: string, message: UpdateMessage): unknown => {
      try {
        stage.acceptUpdate(clientId, message);
      } catch (error) {
        return (error as { code?: unknown }).code;
      }
      return 'accepted';
    };
    expect(code('a', update(0.1))).toBe(ErrorCode.DuplicateReport);
    expect(code('z', update(0.1))).toBe(ErrorCode.WrongRound);
    expect(code('b', update(0.1, 1, { modelVersion: 4 }))).toBe(ErrorCode.WrongRound);
    expect(code('b', update(0.1, 1, { payload: encodeFloat32Vector(new Float32Array(3)) }))).toBe(
      ErrorCode.InvalidUpdate,
    );
    expect(state.reported).toEqual(['a']);
    stage.clientLeft('b');
    await done;
    expect([...state.dropped]).toEqual(['b']);
  });

  it('bounds an update to the norm bound and caps its weight at the sample cap', async () => {
    const { stage, update, state } = openTraining(['a'], { defence: { maxUpdateNorm: 1, sampleCap: 10 } });
    const done = stage.run();
    stage.acceptUpdate('a', update(1, 50));
    await done;
    expect(state.sum.totalWeight).toBe(10);
    const norm = Math.sqrt(state.sum.weightedSum.reduce((total, x) => total + (x / 10) ** 2, 0));
    expect(norm).toBeCloseTo(1, 5);
  });

  it('keeps the updates for a robust aggregator instead of summing them', async () => {
    const { stage, update, state } = openTraining(['a', 'b', 'c'], {
      minReports: 3,
      defence: { aggregator: { kind: 'median' } },
    });
    const done = stage.run();
    for (const [clientId, value] of [
      ['a', 1],
      ['b', 2],
      ['c', 30],
    ] as const)
      stage.acceptUpdate(clientId, update(value, 5));
    await done;
    expect(state.updates?.map((kept) => [kept.weight, kept.delta[0]])).toEqual([
      [5, 1],
      [5, 2],
      [5, 30],
    ]);
    expect(state.sum.totalWeight).toBe(0);
  });

  it('closes at the deadline: members that did not report are dropped', async () => {
    const { stage, update, state } = openTraining(['a', 'b'], { roundTimeoutMs: 30 });
    const done = stage.run();
    stage.acceptUpdate('b', update(0.2));
    await done;
    expect(state.reported).toEqual(['b']);
    expect([...state.dropped]).toEqual(['a']);
  });

  it('simulation mode: holds every update until the cohort is done, then folds the first clientsPerRound in canonical order', async () => {
    const cohort = ['a', 'b', 'c', 'd'];
    const { stage, update, state } = openTraining(cohort, {
      clientsPerRound: 2,
      simulation: { canonicalOrder: true },
    });
    const done = stage.run();
    for (const clientId of ['d', 'c', 'b', 'a']) {
      stage.acceptUpdate(clientId, update(cohort.indexOf(clientId) + 1));
      if (clientId !== 'a') expect(state.reported).toEqual([]);
    }
    await done;
    const { canonicalRank } = await import('../simulation-mode');
    expect(state.reported).toEqual(canonicalRank(state.seed, cohort).slice(0, 2));
    expect(state.sum.weightedSum[0]).toBe(state.reported.reduce((total, id) => total + cohort.indexOf(id) + 1, 0));
  });

  it('closes as stopped when the coordinator stops', async () => {
    const { stage, state, stop } = openTraining(['a', 'b']);
    const done = stage.run();
    stop();
    await done;
    expect(state.stage).toBe(RoundStage.Aggregate);
    expect([...state.dropped].sort()).toEqual(['a', 'b']);
  });
});
