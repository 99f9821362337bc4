import { MemoryOpenRoundStore, MemoryRoundStore } from '@edgefl/coordinator-store';
import { roundRecordFixture } from '@edgefl/coordinator-store/testing';
import { silentLogger } from './coordinator-logger';
import { abandonFailedOverRound } from './abandon-failed-over-round';
import { resumeAfterTakeover } from './resume-after-takeover';

const weights = (version: number): { version: number; weights: Float32Array; createdAt: number } => ({
  version,
  weights: new Float32Array([version]),
  createdAt: 1_700_000_000_000 + version,
});

describe('resumeAfterTakeover', () => {
  it('a leader that died in the retry delay left nothing open: the next leader still resumes after its last logged attempt', async () => {
    const store = new MemoryRoundStore();
    await store.putInitialCheckpoint(weights(0));
    await store.commitRound(roundRecordFixture(1, 'completed', 0), weights(1));
    await store.commitRound(roundRecordFixture(2, 'completed', 1), weights(2));
    // Round 3: the dead leader's attempts 1 and 2 were abandoned (too few reports) and logged, and
    // their open-round records cleared; it died waiting to retry.
    for (const attempt of [1, 2])
      await store.commitRound(roundRecordFixture(3, 'abandoned', 2, { attempt, roundId: `run/3/${attempt}` }));
    // What the takeover had so far (the open attempt) says nothing: the new leader started over at run/3/1.
    expect(await abandonFailedOverRound(new MemoryOpenRoundStore(), store, silentLogger)).toBeUndefined();
    expect(await resumeAfterTakeover(store)).toEqual({ round: 3, attempt: 2 });
  });

  it('includes the attempt abandonFailedOverRound just logged, ignores attempts of committed rounds, and is undefined for a fresh round', async () => {
    const store = new MemoryRoundStore();
    await store.putInitialCheckpoint(weights(0));
    await store.commitRound(roundRecordFixture(1, 'abandoned', 0, { attempt: 1, roundId: 'run/1/1' }));
    await store.commitRound(roundRecordFixture(1, 'completed', 0, { attempt: 2, roundId: 'run/1/2' }), weights(1));
    expect(await resumeAfterTakeover(store)).toBeUndefined();
    const openRounds = new MemoryOpenRoundStore();
    await openRounds.putOpenRound({
      runId: 'run',
      round: 2,
      attempt: 4,
      roundId: 'run/2/4',
      stage: 'train',
      modelVersion: 1,
      cohort: ['a'],
      deadline: 1_700_000_100_000,
      secure: false,
      startedAt: 1_700_000_000_000,
      leaderNodeId: 'node-a',
    });
    await abandonFailedOverRound(openRounds, store, silentLogger);
    expect(await resumeAfterTakeover(store)).toEqual({ round: 2, attempt: 4 });
  });
});
