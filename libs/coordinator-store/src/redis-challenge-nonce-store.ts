import type { Redis } from 'ioredis';
import { DuplicateChallengeNonceError, assertIssueArguments } from './challenge-nonce-store';
import type { ChallengeNonceStore } from './challenge-nonce-store';

/**
 * A {@link ChallengeNonceStore} in Redis, shared by the nodes of a run: a nonce is
 * `<prefix>nonce:<hex>` holding the client id, written with `SET NX PX` (Redis expires it after
 * the TTL, whatever the nodes' clocks say) and consumed with `GETDEL` (atomic: of two answers to
 * one nonce, on one node or two, exactly one finds it).
 *
 * @example
 * const nonces = new RedisChallengeNonceStore(redis, { prefix: 'edgefl:' });
 */
export class RedisChallengeNonceStore implements ChallengeNonceStore {
  private readonly prefix: string;

  /** Uses `redis` (the caller closes it). */
  constructor(
    private readonly redis: Redis,
    options: { prefix?: string } = {},
  ) {
    this.prefix = `${options.prefix ?? 'edgefl:'}nonce:`;
  }

  async issue(nonce: Uint8Array, clientId: string, ttlMs: number): Promise<void> {
    const key = assertIssueArguments(nonce, clientId, ttlMs);
    const set = await this.redis.set(this.prefix + key, clientId, 'PX', ttlMs, 'NX');
    if (set !== 'OK') throw new DuplicateChallengeNonceError();
  }

  async consume(nonce: Uint8Array): Promise<string | undefined> {
    const clientId = await this.redis.getdel(this.prefix + Buffer.from(nonce).toString('hex'));
    return clientId ?? undefined;
  }

  /** The key a nonce is kept at (tests watch it expire). */
  keyOf(nonce: Uint8Array): string {
    return this.prefix + Buffer.from(nonce).toString('hex');
  }
}
