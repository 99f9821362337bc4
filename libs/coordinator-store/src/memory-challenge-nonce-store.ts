import { DuplicateChallengeNonceError, assertIssueArguments } from './challenge-nonce-store';
import type { ChallengeNonceStore } from './challenge-nonce-store';

/** A {@link ChallengeNonceStore} in process memory (one coordinator, tests); `now` is the clock expiry is read from. */
export class MemoryChallengeNonceStore implements ChallengeNonceStore {
  private readonly issued = new Map<string, { clientId: string; expiresAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async issue(nonce: Uint8Array, clientId: string, ttlMs: number): Promise<void> {
    const key = assertIssueArguments(nonce, clientId, ttlMs);
    const at = this.now();
    for (const [stale, entry] of this.issued) if (entry.expiresAt <= at) this.issued.delete(stale);
    if (this.issued.has(key)) throw new DuplicateChallengeNonceError();
    this.issued.set(key, { clientId, expiresAt: at + ttlMs });
  }

  async consume(nonce: Uint8Array): Promise<string | undefined> {
    const key = Buffer.from(nonce).toString('hex');
    const entry = this.issued.get(key);
    this.issued.delete(key);
    return entry && entry.expiresAt > this.now() ? entry.clientId : undefined;
  }
}
