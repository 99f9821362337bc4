import { Redis } from 'ioredis';
import { startRedisTestServer } from './testing/redis-test-server';
import type { RedisTestServer } from './testing/redis-test-server';
import { RedisLeaderLease } from './redis-leader-lease';
import { RedisRoundStore } from './redis-round-store';
import type { RoundRecord } from './round-record';
import { describeClientRegistryContract } from './testing/client-registry-contract';
import { describeRoundStoreContract } from './testing/round-store-contract';
import { StaleFencingTokenError } from './write-fence';
import { float32Bits, roundRecordFixture } from './testing/round-record-fixture';

let server: RedisTestServer;
beforeAll(async () => {
  server = await startRedisTestServer();
});
afterAll(async () => {
  await server.stop();
});

describeRoundStoreContract(
  'RedisRoundStore',
  async (key) => RedisRoundStore.connect(server.url, { prefix: `contract:${key}:` }),
  { survivesReopen: true },
);
let registries = 0;
describeClientRegistryContract('RedisRoundStore', async () =>
  RedisRoundStore.connect(server.url, { prefix: `registry-${registries++}:` }),
);

const record = roundRecordFixture;
const bits = float32Bits;

describe('RedisRoundStore', () => {
  it('preserves NaN payloads, signalling NaNs, -0 and subnormals bit for bit, and reads NaN metrics back as absent', async () => {
    const store = await RedisRoundStore.connect(server.url, { prefix: 'bits:' });
    const patterns = Uint32Array.of(0x7fc00001, 0xffa5a5a5, 0x7f800001, 0x80000000, 0x00000001, 0xff800000, 0x3f800000);
    await store.putInitialCheckpoint({
      version: 0,
      weights: new Float32Array(patterns.buffer.slice(0)),
      createdAt: 1.5,
    });
    await store.commitRound(record(1, 'completed', 1, { accuracy: Number.NaN, loss: 0.25, reason: 'x' }), {
      version: 1,
      weights: new Float32Array(patterns.buffer.slice(0)),
      createdAt: 2,
    });
    expect(bits((await store.checkpoint(0))?.weights)).toEqual(Array.from(patterns));
    expect((await store.checkpoint(0))?.createdAt).toBe(1.5);
    expect(bits((await store.latestCheckpoint())?.weights)).toEqual(Array.from(patterns));
    const [stored] = await store.rounds();
    expect(stored).toEqual(record(1, 'completed', 1, { loss: 0.25, reason: 'x' }));
    expect(await store.checkpoint(7)).toBeUndefined();
    await store.close();
  });

  it('refuses bad input with named errors and writes nothing', async () => {
    const store = await RedisRoundStore.connect(server.url, { prefix: 'bad:' });
    await expect(
      store.commitRound({ ...record(1, 'completed', 1), outcome: 'won' as RoundRecord['outcome'] }),
    ).rejects.toThrow(/record.outcome/);
    await expect(
      store.putInitialCheckpoint({ version: 0, weights: [1] as unknown as Float32Array, createdAt: 1 }),
    ).rejects.toThrow(/checkpoint.weights/);
    expect(await store.rounds()).toEqual([]);
    await store.close();
    await expect(RedisRoundStore.connect('http://127.0.0.1:1')).rejects.toThrow(/redis:\/\//);
    // Nothing listens on port 1: the error names the URL (password redacted) and the cause.
    const refused = RedisRoundStore.connect('redis://:hunter2@127.0.0.1:1');
    await expect(refused).rejects.toThrow('redis redis://:redacted@127.0.0.1:1: connect ECONNREFUSED 127.0.0.1:1');
  });

  it('commits a version atomically: a refused commit leaves no round record behind', async () => {
    const store = await RedisRoundStore.connect(server.url, { prefix: 'atomic:' });
    await store.putInitialCheckpoint({ version: 0, weights: Float32Array.of(1), createdAt: 1 });
    await expect(
      store.commitRound(record(1, 'completed', 2), { version: 2, weights: Float32Array.of(2), createdAt: 2 }),
    ).rejects.toThrow('checkpoint.version must be 1, got 2');
    expect(await store.rounds()).toEqual([]);
    expect(await store.redis.exists('atomic:checkpoint:2')).toBe(0);
    await store.close();
  });

  it('keeps committed versions across a Redis restart (SIGKILL, AOF on) on the same directory and port', async () => {
    const store = await RedisRoundStore.connect(server.url, { prefix: 'restart:' });
    const weights = Float32Array.of(Math.PI, -0, 1e-30, 3.4e38);
    await store.putInitialCheckpoint({ version: 0, weights: new Float32Array(4), createdAt: 1 });
    await store.commitRound(record(1, 'completed', 1), { version: 1, weights, createdAt: 2 });
    await store.registerClient('phone', { identityKey: new Uint8Array(32).fill(3), at: 5 });
    await store.close();
    await server.restart('SIGKILL');
    const again = await RedisRoundStore.connect(server.url, { prefix: 'restart:' });
    const latest = await again.latestCheckpoint();
    expect(latest?.version).toBe(1);
    expect(bits(latest?.weights)).toEqual(bits(weights));
    expect((await again.rounds()).map((r) => r.round)).toEqual([1]);
    expect((await again.getClient('phone'))?.identityKey).toEqual(new Uint8Array(32).fill(3));
    await again.commitRound(record(2, 'completed', 2), { version: 2, weights, createdAt: 3 });
    await again.close();
  });
});

describe('RedisLeaderLease', () => {
  const connections: Redis[] = [];
  const connect = (): Redis => {
    const redis = new Redis(server.url);
    connections.push(redis);
    return redis;
  };
  afterAll(async () => {
    await Promise.all(connections.map((redis) => redis.quit()));
  });

  it('lets one of two contenders lead, with a token that grows on every takeover', async () => {
    const a = new RedisLeaderLease(connect(), { nodeId: 'a', ttlMs: 60_000, prefix: 'two:' });
    const b = new RedisLeaderLease(connect(), { nodeId: 'b', ttlMs: 60_000, prefix: 'two:' });
    const [ta, tb] = await Promise.all([a.tryAcquire(), b.tryAcquire()]);
    expect([ta, tb].filter((t) => t !== undefined)).toEqual([1]);
    const [leader, follower] = ta === 1 ? [a, b] : [b, a];
    expect(await leader.holder()).toBe(`${ta === 1 ? 'a' : 'b'}:1`);
    expect(await follower.renew()).toBe(false);
    expect(await leader.renew()).toBe(true);
    await leader.release();
    expect(leader.currentToken()).toBeUndefined();
    expect(await follower.tryAcquire()).toBe(2);
    expect(() => new RedisLeaderLease(connect(), { nodeId: 'x:y', ttlMs: 1 })).toThrow(/nodeId/);
    expect(() => new RedisLeaderLease(connect(), { nodeId: 'x', ttlMs: 0 })).toThrow(/ttlMs/);
  });

  it('renews only its own lease: a renewal restores the full TTL, a release lets the other take over at once', async () => {
    const redis = connect();
    const a = new RedisLeaderLease(redis, { nodeId: 'a', ttlMs: 60_000, prefix: 'renew:' });
    const b = new RedisLeaderLease(connect(), { nodeId: 'b', ttlMs: 60_000, prefix: 'renew:' });
    expect(await a.tryAcquire()).toBe(1);
    // The lease is about to run out; a renewal puts it back to the full TTL.
    await redis.pexpire(a.leaseKey, 50);
    expect(await a.renew()).toBe(true);
    expect(await redis.pttl(a.leaseKey)).toBeGreaterThan(50_000);
    expect(await b.tryAcquire()).toBeUndefined();
    // b cannot release or renew a's lease.
    await b.release();
    expect(await b.renew()).toBe(false);
    expect(await a.holder()).toBe('a:1');
    await a.release();
    expect(await a.holder()).toBeUndefined();
    expect(await b.tryAcquire()).toBe(2);
    expect(await a.renew()).toBe(false);
  });

  it('passes to the other contender once the leader stops renewing: the lease lives at most its TTL in Redis', async () => {
    const ttlMs = 1_000;
    const redis = connect();
    const a = new RedisLeaderLease(redis, { nodeId: 'a', ttlMs, prefix: 'expiry:' });
    const b = new RedisLeaderLease(connect(), { nodeId: 'b', ttlMs, prefix: 'expiry:' });
    expect(await a.tryAcquire()).toBe(1);
    // Redis itself bounds the lease: a follower polling every TTL/4 takes over within 1.25 x TTL of
    // the last renewal (the 2 x TTL goal), without trusting any node's clock.
    const remaining = await redis.pttl(a.leaseKey);
    expect(remaining).toBeGreaterThan(0);
    expect(remaining).toBeLessThanOrEqual(ttlMs);
    expect(await b.tryAcquire()).toBeUndefined();
    // b contends every TTL/4, as a follower would; a is "paused" and never renews.
    let token: number | undefined;
    while ((token = await b.tryAcquire()) === undefined) await new Promise((done) => setTimeout(done, ttlMs / 4));
    expect(token).toBe(2);
    expect(await b.holder()).toBe('b:2');
    // The paused leader wakes up: its renewal fails and it learns it lost the lease.
    expect(await a.renew()).toBe(false);
  });

  it("refuses the commit of a paused old leader whose token went stale, and accepts the new leader's", async () => {
    const redisA = connect();
    const redisB = connect();
    const a = new RedisLeaderLease(redisA, { nodeId: 'a', ttlMs: 60_000, prefix: 'fence:' });
    const b = new RedisLeaderLease(redisB, { nodeId: 'b', ttlMs: 60_000, prefix: 'fence:' });
    const storeA = new RedisRoundStore(redisA, { prefix: 'fence:', fence: a });
    const storeB = new RedisRoundStore(redisB, { prefix: 'fence:', fence: b });
    // Without a token nothing is written.
    await expect(
      storeA.putInitialCheckpoint({ version: 0, weights: Float32Array.of(0), createdAt: 1 }),
    ).rejects.toThrow(StaleFencingTokenError);
    expect(await a.tryAcquire()).toBe(1);
    await storeA.putInitialCheckpoint({ version: 0, weights: Float32Array.of(0), createdAt: 1 });
    await storeA.commitRound(record(1, 'completed', 1), { version: 1, weights: Float32Array.of(1), createdAt: 2 });
    // a is paused past its lease: simulate the expiry, b takes over with token 2.
    await redisB.del(a.leaseKey);
    expect(await b.tryAcquire()).toBe(2);
    // a still believes it leads (token 1): its commit must not land.
    const late = storeA.commitRound(record(2, 'completed', 2), {
      version: 2,
      weights: Float32Array.of(666),
      createdAt: 3,
    });
    await expect(late).rejects.toThrow(StaleFencingTokenError);
    await expect(late).rejects.toThrow(
      'stale fencing token: this writer holds 1, the current token is 2; another leader took over',
    );
    await storeB.commitRound(record(2, 'completed', 2), { version: 2, weights: Float32Array.of(2), createdAt: 3 });
    expect(Array.from((await storeB.latestCheckpoint())?.weights ?? [])).toEqual([2]);
    expect((await storeB.rounds()).map((r) => r.round)).toEqual([1, 2]);
  });
});
