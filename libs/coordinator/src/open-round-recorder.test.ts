import { MemoryOpenRoundStore } from '@edgefl/coordinator-store';
import type { OpenRound } from '@edgefl/coordinator-store';
import { RoundStage } from '@edgefl/protocol';
import type { CoordinatorLogger } from './coordinator-logger';
import { OpenRoundRecorder } from './open-round-recorder';
import { createRoundState } from './round-state';

const logged: string[] = [];
const logger: CoordinatorLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: (fields, message) => logged.push(`${message} ${String(fields.error)}`),
  error: () => undefined,
};
const state = () =>
  createRoundState({
    runId: 'run',
    round: 3,
    attempt: 2,
    modelVersion: 2,
    globalWeights: new Float32Array(2),
    seed: 1,
  });

describe('OpenRoundRecorder', () => {
  it('records the attempt when it opens and on each stage change, with its cohort, and clears it once closed', async () => {
    const store = new MemoryOpenRoundStore();
    const recorder = new OpenRoundRecorder(store, { nodeId: 'node-a', secure: true, stageTimeoutMs: 60_000 }, logger);
    const open = state();
    recorder.track(open);
    await recorder.settled();
    const opened = (await store.openRound()) as OpenRound;
    expect(opened).toMatchObject({ roundId: 'run/3/2', round: 3, attempt: 2, stage: RoundStage.Configure });
    expect(opened).toMatchObject({ modelVersion: 2, cohort: [], secure: true, leaderNodeId: 'node-a' });
    expect(opened.deadline - Date.now()).toBeLessThanOrEqual(60_000);
    open.cohort.add('c-1').add('c-2');
    open.stage = RoundStage.AdvertiseKeys;
    open.stage = RoundStage.MaskedInput;
    await recorder.settled();
    expect(await store.openRound()).toMatchObject({ stage: RoundStage.MaskedInput, cohort: ['c-1', 'c-2'] });
    expect(open.stage).toBe(RoundStage.MaskedInput);
    expect(Object.keys(open)).toContain('stage');
    await recorder.clear(open);
    expect(await store.openRound()).toBeUndefined();
  });

  it('logs a refused write and goes on: the round is not failed by its bookkeeping', async () => {
    const store = new MemoryOpenRoundStore();
    store.putOpenRound = () => Promise.reject(new Error('redis down'));
    const recorder = new OpenRoundRecorder(store, { nodeId: 'node-a', secure: false, stageTimeoutMs: 1 }, logger);
    const open = state();
    recorder.track(open);
    open.stage = RoundStage.Train;
    await recorder.settled();
    expect(logged).toEqual([
      'open round: write to the store failed redis down',
      'open round: write to the store failed redis down',
    ]);
  });
});
