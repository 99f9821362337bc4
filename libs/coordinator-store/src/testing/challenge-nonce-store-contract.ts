import { DuplicateChallengeNonceError } from '../challenge-nonce-store';
import type { ChallengeNonceStore } from '../challenge-nonce-store';

/**
 * The behaviour every {@link ChallengeNonceStore} must show; run it against each implementation.
 * `open()` may be called twice in one test: the two stores must share their records (two nodes of
 * a run on one Redis; in memory, the same store).
 */
export function describeChallengeNonceStoreContract(name: string, open: () => Promise<ChallengeNonceStore>): void {
  const nonce = (fill: number): Uint8Array => new Uint8Array(32).fill(fill);

  describe(`ChallengeNonceStore contract: ${name}`, () => {
    it('hands a nonce back once, to the first consumer, whichever store instance asks', async () => {
      const a = await open();
      const b = await open();
      await a.issue(nonce(1), 'phone', 60_000);
      await a.issue(nonce(2), 'tablet', 60_000);
      expect(await a.consume(nonce(1))).toBe('phone');
      expect(await a.consume(nonce(1))).toBeUndefined();
      expect(await b.consume(nonce(1))).toBeUndefined();
      expect(await b.consume(nonce(2))).toBe('tablet');
      expect(await a.consume(nonce(2))).toBeUndefined();
      expect(await a.consume(nonce(3))).toBeUndefined();
    });

    it('refuses a nonce issued twice and bad arguments with named errors', async () => {
      const store = await open();
      await store.issue(nonce(4), 'phone', 60_000);
      await expect(store.issue(nonce(4), 'other', 60_000)).rejects.toThrow(DuplicateChallengeNonceError);
      expect(await store.consume(nonce(4))).toBe('phone');
      await expect(store.issue(new Uint8Array(0), 'phone', 1)).rejects.toThrow(/nonce/);
      await expect(store.issue(nonce(5), '', 1)).rejects.toThrow(/clientId/);
      await expect(store.issue(nonce(5), 'phone', 0)).rejects.toThrow(/ttlMs/);
    });
  });
}
