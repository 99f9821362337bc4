import type { OpenRound, OpenRoundStore } from '../open-round';

/** A fixed {@link OpenRound} for tests. */
export function openRoundFixture(round: number, attempt: number, fields: Partial<OpenRound> = {}): OpenRound {
  return {
    runId: 'run',
    round,
    attempt,
    roundId: `run/${round}/${attempt}`,
    stage: 'train',
    modelVersion: round - 1,
    cohort: ['c-1', 'c-2', 'c-3'],
    deadline: 1_700_000_120_000,
    secure: false,
    startedAt: 1_700_000_000_000,
    leaderNodeId: 'node-a',
    ...fields,
  };
}

/**
 * The behaviour every {@link OpenRoundStore} must show; run it against each implementation.
 * `open(key)` returns a fresh, empty, unfenced store for each key.
 */
export function describeOpenRoundStoreContract(name: string, open: (key: string) => Promise<OpenRoundStore>): void {
  describe(`OpenRoundStore contract: ${name}`, () => {
    it('starts with no open round, keeps the latest write of each stage and copies what it is given', async () => {
      const store = await open('lifecycle');
      expect(await store.openRound()).toBeUndefined();
      const configure = openRoundFixture(2, 1, { stage: 'configure', cohort: [] });
      await store.putOpenRound(configure);
      expect(await store.openRound()).toEqual(configure);
      const masked = openRoundFixture(2, 1, { stage: 'masked-input', secure: true, cohort: ['a', 'b'] });
      await store.putOpenRound(masked);
      masked.cohort.push('mutated');
      expect(await store.openRound()).toEqual(
        openRoundFixture(2, 1, { stage: 'masked-input', secure: true, cohort: ['a', 'b'] }),
      );
    });

    it("clears only the named attempt's record", async () => {
      const store = await open('clear');
      await store.putOpenRound(openRoundFixture(3, 2));
      expect(await store.clearOpenRound('run/3/1')).toBe(false);
      expect((await store.openRound())?.roundId).toBe('run/3/2');
      expect(await store.clearOpenRound('run/3/2')).toBe(true);
      expect(await store.openRound()).toBeUndefined();
      expect(await store.clearOpenRound('run/3/2')).toBe(false);
    });

    it('refuses a malformed record with a TypeError naming the field, and keeps the one it had', async () => {
      const store = await open('bad');
      await store.putOpenRound(openRoundFixture(1, 1));
      await expect(store.putOpenRound({ ...openRoundFixture(1, 2), round: -1 })).rejects.toThrow(/open\.round/);
      await expect(
        store.putOpenRound({ ...openRoundFixture(1, 2), cohort: [7] as unknown as string[] }),
      ).rejects.toThrow(/open\.cohort/);
      await expect(
        store.putOpenRound({ ...openRoundFixture(1, 2), secure: 'yes' as unknown as boolean }),
      ).rejects.toThrow(/open\.secure/);
      expect((await store.openRound())?.roundId).toBe('run/1/1');
    });
  });
}
