import type { Redis } from 'ioredis';
import { RedisScript } from './redis-script';
import type { WriteFence } from './write-fence';

/** How to contend for a {@link RedisLeaderLease}. */
export interface RedisLeaderLeaseOptions {
  /** Names this contender in the lease value (one per coordinator node). */
  nodeId: string;
  /** How long the lease lasts without a renewal, in milliseconds. */
  ttlMs: number;
  /** Key prefix shared with the store it guards (default `edgefl:`). */
  prefix?: string;
}

// SET NX PX takes the lease; INCR hands out the next fencing token; both in one script so a
// token always belongs to exactly one lease.
const ACQUIRE = `
if not redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return false end
local token = redis.call('INCR', KEYS[2])
redis.call('SET', KEYS[1], ARGV[1] .. ':' .. token, 'KEEPTTL')
return token`;
const RENEW = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`;
const RELEASE = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
return 1`;

const ACQUIRE_SCRIPT = new RedisScript(ACQUIRE);
const RENEW_SCRIPT = new RedisScript(RENEW);
const RELEASE_SCRIPT = new RedisScript(RELEASE);

/**
 * A leader lease on Redis with a fencing token: `SET lease NX PX ttl` plus a token from `INCR`
 * that only ever grows. The holder renews before the TTL runs out; a holder that stops renewing
 * (killed, paused) loses the lease after the TTL and the next contender gets a larger token.
 * Handed to a {@link RedisRoundStore} as its `fence`, the token is checked inside every state
 * write, so the old holder's late commits are refused ({@link StaleFencingTokenError}).
 *
 * @example
 * const lease = new RedisLeaderLease(redis, { nodeId: 'node-a', ttlMs: 5_000 });
 * if (await lease.tryAcquire()) {
 *   const store = new RedisRoundStore(redis, { fence: lease });
 *   setInterval(() => void lease.renew(), 1_000);
 * }
 */
export class RedisLeaderLease implements WriteFence {
  readonly leaseKey: string;
  readonly tokenKey: string;
  private token: number | undefined;

  constructor(
    private readonly redis: Redis,
    private readonly options: RedisLeaderLeaseOptions,
  ) {
    if (typeof options.nodeId !== 'string' || options.nodeId.length === 0 || options.nodeId.includes(':')) {
      throw new TypeError('options.nodeId must be a non-empty string without ":"');
    }
    if (!Number.isSafeInteger(options.ttlMs) || options.ttlMs < 1)
      throw new TypeError(`options.ttlMs must be a positive integer, got ${String(options.ttlMs)}`);
    const prefix = options.prefix ?? 'edgefl:';
    this.leaseKey = `${prefix}leader`;
    this.tokenKey = `${prefix}leader:token`;
  }

  /** The fencing token while this contender believes it holds the lease. */
  currentToken(): number | undefined {
    return this.token;
  }

  /** Takes the lease if nobody holds it; resolves with the new fencing token, or undefined when another node holds it. */
  async tryAcquire(): Promise<number | undefined> {
    const token = (await ACQUIRE_SCRIPT.run(
      this.redis,
      [this.leaseKey, this.tokenKey],
      [this.options.nodeId, String(this.options.ttlMs)],
    )) as number | null;
    this.token = token ?? undefined;
    return this.token;
  }

  /** Extends the lease by its TTL; false (and the token dropped) when this node no longer holds it. */
  async renew(): Promise<boolean> {
    if (this.token === undefined) return false;
    const renewed =
      (await RENEW_SCRIPT.run(this.redis, [this.leaseKey], [this.value(), String(this.options.ttlMs)])) === 1;
    if (!renewed) this.token = undefined;
    return renewed;
  }

  /**
   * Drops the token without asking Redis (e.g. when renewals went unanswered for a whole TTL):
   * this contender no longer believes it holds the lease, and writes fenced with it are refused
   * locally. A later {@link tryAcquire} contends again.
   */
  forget(): void {
    this.token = undefined;
  }

  /** Gives the lease up (only if this node still holds it) so another node can take it at once. */
  async release(): Promise<void> {
    if (this.token === undefined) return;
    const value = this.value();
    this.token = undefined;
    await RELEASE_SCRIPT.run(this.redis, [this.leaseKey], [value]);
  }

  /** Who holds the lease now (`nodeId:token`), or undefined. */
  async holder(): Promise<string | undefined> {
    return (await this.redis.get(this.leaseKey)) ?? undefined;
  }

  private value(): string {
    return `${this.options.nodeId}:${String(this.token)}`;
  }
}
