import { Redis } from 'ioredis';
import { RedisChallengeNonceStore } from './redis-challenge-nonce-store';
import { RedisLeaderLease } from './redis-leader-lease';
import { RedisOpenRoundStore } from './redis-open-round-store';
import { describeChallengeNonceStoreContract } from './testing/challenge-nonce-store-contract';
import { describeOpenRoundStoreContract, openRoundFixture } from './testing/open-round-store-contract';
import { startRedisTestServer } from './testing/redis-test-server';
import type { RedisTestServer } from './testing/redis-test-server';
import { StaleFencingTokenError } from './write-fence';

let server: RedisTestServer;
const connections: Redis[] = [];
const connect = (): Redis => {
  const redis = new Redis(server.url);
  connections.push(redis);
  return redis;
};
beforeAll(async () => {
  server = await startRedisTestServer();
});
afterAll(async () => {
  await Promise.all(connections.map((redis) => redis.quit()));
  await server.stop();
});

describeOpenRoundStoreContract(
  'RedisOpenRoundStore',
  async (key) => new RedisOpenRoundStore(connect(), { prefix: `contract:${key}:` }),
);
let nonceRuns = 0;
let noncePrefix = '';
beforeEach(() => {
  noncePrefix = `nonces-${nonceRuns++}:`;
});
describeChallengeNonceStoreContract(
  'RedisChallengeNonceStore',
  async () => new RedisChallengeNonceStore(connect(), { prefix: noncePrefix }),
);

describe('RedisOpenRoundStore', () => {
  it("refuses the writes of a leader whose token went stale, and keeps its successor's record", async () => {
    const redisA = connect();
    const redisB = connect();
    const a = new RedisLeaderLease(redisA, { nodeId: 'a', ttlMs: 60_000, prefix: 'fence:' });
    const b = new RedisLeaderLease(redisB, { nodeId: 'b', ttlMs: 60_000, prefix: 'fence:' });
    const storeA = new RedisOpenRoundStore(redisA, { prefix: 'fence:', fence: a });
    const storeB = new RedisOpenRoundStore(redisB, { prefix: 'fence:', fence: b });
    // Without a token nothing is written.
    await expect(storeA.putOpenRound(openRoundFixture(1, 1))).rejects.toThrow(StaleFencingTokenError);
    expect(await storeA.openRound()).toBeUndefined();
    expect(await a.tryAcquire()).toBe(1);
    await storeA.putOpenRound(openRoundFixture(2, 1, { stage: 'masked-input', secure: true }));
    // a is paused past its lease: b takes over with token 2.
    await redisB.del(a.leaseKey);
    expect(await b.tryAcquire()).toBe(2);
    // b reads what a left open, as a successor does.
    expect(await storeB.openRound()).toEqual(openRoundFixture(2, 1, { stage: 'masked-input', secure: true }));
    await storeB.putOpenRound(openRoundFixture(2, 2, { stage: 'configure', leaderNodeId: 'node-b' }));
    // a wakes up believing it leads: its stage change and its clear are both refused.
    const late = storeA.putOpenRound(openRoundFixture(2, 1, { stage: 'unmask', secure: true }));
    await expect(late).rejects.toThrow(StaleFencingTokenError);
    await expect(late).rejects.toThrow(
      'stale fencing token: this writer holds 1, the current token is 2; another leader took over',
    );
    await expect(storeA.clearOpenRound('run/2/2')).rejects.toThrow(StaleFencingTokenError);
    expect(await storeB.openRound()).toEqual(openRoundFixture(2, 2, { stage: 'configure', leaderNodeId: 'node-b' }));
    expect(await storeB.clearOpenRound('run/2/2')).toBe(true);
    expect(await storeB.openRound()).toBeUndefined();
  });
});

describe('RedisChallengeNonceStore', () => {
  it('lets Redis expire a nonce after its TTL: an answer after it finds nothing', async () => {
    const redis = connect();
    const store = new RedisChallengeNonceStore(redis, { prefix: 'expiry:' });
    const nonce = new Uint8Array(32).fill(9);
    await store.issue(nonce, 'phone', 60_000);
    const ttl = await redis.pttl(store.keyOf(nonce));
    expect(ttl).toBeGreaterThan(50_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
    await store.issue(new Uint8Array(32).fill(10), 'phone', 1);
    // Redis drops the key once its 1 ms ran out: wait for that, not a fixed time.
    while ((await redis.exists(store.keyOf(new Uint8Array(32).fill(10)))) === 1) await redis.ping();
    expect(await store.consume(new Uint8Array(32).fill(10))).toBeUndefined();
    expect(await store.consume(nonce)).toBe('phone');
  });
});
