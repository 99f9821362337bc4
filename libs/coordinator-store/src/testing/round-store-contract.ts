import type { RoundRecord } from '../round-record';
import type { RoundStore } from '../round-store';

/**
 * The behaviour every {@link RoundStore} must show; run it against each implementation.
 * `open` may be called twice with the same `key` to check what survives a reopen
 * (in-memory stores pass `survivesReopen: false`).
 */
export function describeRoundStoreContract(
  name: string,
  open: (key: string) => Promise<RoundStore>,
  options: { survivesReopen: boolean },
): void {
  const record = (round: number, outcome: RoundRecord['outcome'], modelVersion: number): RoundRecord => ({
    runId: 'run',
    round,
    attempt: 1,
    roundId: `run/${round}/1`,
    outcome,
    modelVersion,
    selected: 4,
    participants: outcome === 'completed' ? 3 : 1,
    dropped: 1,
    rejected: 0,
    bytesUp: 1000,
    bytesDown: 2000,
    startedAt: 1_700_000_000_000,
    durationMs: 12,
    accuracy: outcome === 'completed' ? 0.5 : undefined,
    loss: outcome === 'completed' ? 1.25 : undefined,
  });

  describe(`RoundStore contract: ${name}`, () => {
    it('starts empty and keeps the initial model', async () => {
      const store = await open('initial');
      expect(await store.latestCheckpoint()).toBeUndefined();
      await store.putInitialCheckpoint({ version: 0, weights: Float32Array.of(1, 2, 3), createdAt: 1 });
      const latest = await store.latestCheckpoint();
      expect(latest?.version).toBe(0);
      expect(Array.from(latest?.weights ?? [])).toEqual([1, 2, 3]);
      await expect(
        store.putInitialCheckpoint({ version: 0, weights: Float32Array.of(1), createdAt: 1 }),
      ).rejects.toThrow(/already/);
      await store.close();
    });

    it('commits rounds with checkpoints in order and refuses a gap', async () => {
      const store = await open('order');
      await store.putInitialCheckpoint({ version: 0, weights: Float32Array.of(0, 0), createdAt: 1 });
      await store.commitRound(record(1, 'abandoned', 0));
      await store.commitRound(record(1, 'completed', 1), {
        version: 1,
        weights: Float32Array.of(0.5, -0.25),
        createdAt: 2,
      });
      await expect(
        store.commitRound(record(2, 'completed', 3), { version: 3, weights: Float32Array.of(9, 9), createdAt: 3 }),
      ).rejects.toThrow(/version/);
      expect((await store.latestCheckpoint())?.version).toBe(1);
      expect(Array.from((await store.checkpoint(1))?.weights ?? [])).toEqual([0.5, -0.25]);
      const rounds = await store.rounds();
      expect(rounds.map((r) => [r.round, r.outcome])).toEqual([
        [1, 'abandoned'],
        [1, 'completed'],
      ]);
      expect(rounds[1]).toEqual(record(1, 'completed', 1));
      await store.close();
    });

    it('does not share weight buffers with the caller', async () => {
      const store = await open('copies');
      const weights = Float32Array.of(1, 2);
      await store.putInitialCheckpoint({ version: 0, weights, createdAt: 1 });
      weights[0] = 42;
      expect((await store.latestCheckpoint())?.weights[0]).toBe(1);
      await store.close();
    });

    if (options.survivesReopen) {
      it('keeps every committed round and model across a reopen, bit for bit', async () => {
        const first = await open('reopen');
        const weights = Float32Array.of(Math.PI, -0, 1e-30, 3.4e38);
        await first.putInitialCheckpoint({ version: 0, weights: new Float32Array(4), createdAt: 1 });
        await first.commitRound(record(1, 'completed', 1), { version: 1, weights, createdAt: 2 });
        await first.close();
        const second = await open('reopen');
        const latest = await second.latestCheckpoint();
        expect(latest?.version).toBe(1);
        expect(new Uint8Array(latest!.weights.buffer, latest!.weights.byteOffset, 16)).toEqual(
          new Uint8Array(weights.buffer),
        );
        expect((await second.rounds()).length).toBe(1);
        await second.close();
      });
    }
  });
}
