import { MemoryOpenRoundStore, MemoryRoundStore } from '@edgefl/coordinator-store';
import { openRoundFixture, roundRecordFixture } from '@edgefl/coordinator-store/testing';
import type { CoordinatorLogger } from './coordinator-logger';
import { abandonFailedOverRound } from './abandon-failed-over-round';

const warnings: string[] = [];
const logger: CoordinatorLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: (_fields, message) => warnings.push(message),
  error: () => undefined,
};

describe('abandonFailedOverRound', () => {
  it('records the attempt a dead leader left open as abandoned at its stage, clears it, and returns it', async () => {
    const openRounds = new MemoryOpenRoundStore();
    const store = new MemoryRoundStore();
    const left = openRoundFixture(2, 1, { stage: 'masked-input', secure: true, leaderNodeId: 'node-a' });
    await openRounds.putOpenRound(left);
    expect(await abandonFailedOverRound(openRounds, store, logger)).toEqual(left);
    const [record] = await store.rounds();
    expect(record).toMatchObject({
      roundId: 'run/2/1',
      round: 2,
      attempt: 1,
      outcome: 'abandoned',
      reason: 'abandoned by failover at stage masked-input: leader node-a is gone',
      modelVersion: 1,
      selected: 3,
      participants: 0,
    });
    expect(warnings).toEqual(['round 2 attempt 1 abandoned by failover at stage masked-input']);
    expect(await openRounds.openRound()).toBeUndefined();
    // Nothing open: nothing to do.
    expect(await abandonFailedOverRound(openRounds, store, logger)).toBeUndefined();
    expect(await store.rounds()).toHaveLength(1);
  });

  it('only clears an attempt its leader committed before dying: the round log keeps one record of it', async () => {
    const openRounds = new MemoryOpenRoundStore();
    const store = new MemoryRoundStore();
    warnings.length = 0;
    await store.putInitialCheckpoint({ version: 0, weights: Float32Array.of(0), createdAt: 1 });
    const left = openRoundFixture(1, 1, { stage: 'aggregate', modelVersion: 0 });
    await openRounds.putOpenRound(left);
    await store.commitRound(roundRecordFixture(1, 'completed', 1), {
      version: 1,
      weights: Float32Array.of(1),
      createdAt: 2,
    });
    expect(await abandonFailedOverRound(openRounds, store, logger)).toEqual(left);
    expect((await store.rounds()).map((r) => r.outcome)).toEqual(['completed']);
    expect(warnings).toEqual([]);
    expect(await openRounds.openRound()).toBeUndefined();
  });
});
