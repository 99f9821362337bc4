/**
 * Where a coordinator keeps the enrollment challenges it issued (docs/PROTOCOL.md, "Enrollment")
 * until they are answered: each nonce lives at most its TTL and is consumed by the first answer,
 * right or wrong. Backed by Redis, one record serves every node of a run, so a nonce is single-use
 * across the cluster.
 *
 * @example
 * await nonces.issue(nonce, 'phone', 30_000);
 * await nonces.consume(nonce); // 'phone'; undefined the second time, or once the TTL ran out
 */
export interface ChallengeNonceStore {
  /** Records `nonce` as issued to `clientId` for `ttlMs`; throws when that nonce is already recorded. */
  issue(nonce: Uint8Array, clientId: string, ttlMs: number): Promise<void>;
  /** Removes `nonce` and returns the client id it was issued to, or undefined when it is unknown, expired or already used. */
  consume(nonce: Uint8Array): Promise<string | undefined>;
}

/** Checks the arguments of {@link ChallengeNonceStore.issue}; returns the nonce's hex. */
export function assertIssueArguments(nonce: Uint8Array, clientId: string, ttlMs: number): string {
  if (!(nonce instanceof Uint8Array) || nonce.length === 0) throw new TypeError('nonce must be a non-empty Uint8Array');
  if (typeof clientId !== 'string' || clientId.length === 0) throw new TypeError('clientId must be a non-empty string');
  if (!Number.isSafeInteger(ttlMs) || ttlMs < 1)
    throw new RangeError(`ttlMs must be a positive integer, got ${String(ttlMs)}`);
  return Buffer.from(nonce).toString('hex');
}

/** A nonce issued twice: the random source repeated itself (or a caller reused a nonce). */
export class DuplicateChallengeNonceError extends Error {
  override readonly name = 'DuplicateChallengeNonceError';

  constructor() {
    super('challenge nonce already issued: a nonce must be fresh random bytes');
  }
}
