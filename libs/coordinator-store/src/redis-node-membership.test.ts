import { Redis } from 'ioredis';
import { DuplicateNodeIdError } from './duplicate-node-id-error';
import { RedisNodeMembership } from './redis-node-membership';
import { RunConfigMismatchError } from './run-config-mismatch-error';
import { startRedisTestServer } from './testing/redis-test-server';
import type { RedisTestServer } from './testing/redis-test-server';

const RUN = { runId: 'run', rounds: 10, clientsPerRound: 8, model: { widths: [16, 32] }, secure: { bits: 8 } };

describe('RedisNodeMembership on a real redis-server', () => {
  let server: RedisTestServer;
  let redis: Redis;

  beforeAll(async () => {
    server = await startRedisTestServer();
    redis = new Redis(server.url);
  });

  afterEach(async () => {
    await redis.flushall();
  });

  afterAll(async () => {
    redis.disconnect();
    await server?.stop();
  });

  it('registers nodes with a TTL and lists the live ones', async () => {
    const a = new RedisNodeMembership(redis, { nodeId: 'node-a', ttlMs: 60_000 });
    const b = new RedisNodeMembership(redis, { nodeId: 'node-b', ttlMs: 60_000 });
    await a.join(RUN);
    await b.join({ ...RUN });
    expect((await a.liveNodes()).map((n) => n.nodeId)).toEqual(['node-a', 'node-b']);
    expect(await redis.get('edgefl:node:node-a')).toBe(a.instance);
    const ttl = await redis.pttl('edgefl:node:node-a');
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
    expect(await a.recordedRunConfig()).toEqual(RUN);
    await a.leave();
    expect((await b.liveNodes()).map((n) => n.nodeId)).toEqual(['node-b']);
    expect(await redis.exists('edgefl:node:node-a')).toBe(0);
  });

  it('refuses a second process with the same node id while the first one is registered, and writes nothing', async () => {
    const first = new RedisNodeMembership(redis, { nodeId: 'node-a', ttlMs: 60_000 });
    const twin = new RedisNodeMembership(redis, { nodeId: 'node-a', ttlMs: 60_000 });
    await first.join(RUN);
    const refusal = await twin.join(RUN).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(DuplicateNodeIdError);
    expect((refusal as Error).message).toMatch(/node id node-a is taken/);
    expect(await redis.get('edgefl:node:node-a')).toBe(first.instance);
    // A twin's leave() does not remove the first node's registration.
    await twin.leave();
    expect(await redis.get('edgefl:node:node-a')).toBe(first.instance);
    // Once the first one left, the id is free.
    await first.leave();
    await twin.join(RUN);
    expect(await redis.get('edgefl:node:node-a')).toBe(twin.instance);
  });

  it('lets a node id be reused once its registration lapsed (a killed node stops refreshing)', async () => {
    const killed = new RedisNodeMembership(redis, { nodeId: 'node-a', ttlMs: 50 });
    await killed.join(RUN);
    // Expire it now instead of waiting: what Redis does when the TTL runs out.
    await redis.pexpire('edgefl:node:node-a', 1);
    await waitUntilGone(redis, 'edgefl:node:node-a');
    const restarted = new RedisNodeMembership(redis, { nodeId: 'node-a', ttlMs: 60_000 });
    await restarted.join(RUN);
    // The killed process, were it only paused, finds its id taken on its next refresh.
    expect(await killed.refresh()).toBe('taken');
    expect(await restarted.refresh()).toBe('refreshed');
  });

  it('rejoins on refresh when Redis lost the registration and nobody took the id', async () => {
    const node = new RedisNodeMembership(redis, { nodeId: 'node-a', ttlMs: 60_000 });
    await node.join(RUN);
    await redis.del('edgefl:node:node-a');
    expect(await node.refresh()).toBe('rejoined');
    expect(await redis.get('edgefl:node:node-a')).toBe(node.instance);
  });

  it('refuses a node whose run configuration differs, naming each difference, and writes nothing', async () => {
    await new RedisNodeMembership(redis, { nodeId: 'node-a', ttlMs: 60_000 }).join(RUN);
    const odd = new RedisNodeMembership(redis, { nodeId: 'node-b', ttlMs: 60_000 });
    const refusal = await odd
      .join({ ...RUN, rounds: 20, model: { widths: [16, 32] }, secure: { bits: 4 } })
      .catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(RunConfigMismatchError);
    expect((refusal as RunConfigMismatchError).differences).toEqual([
      { path: 'rounds', recorded: '10', local: '20' },
      { path: 'secure.bits', recorded: '8', local: '4' },
    ]);
    expect((refusal as Error).message).toMatch(
      /rounds: the run has 10, this node 20; secure\.bits: the run has 8, this node 4/,
    );
    expect(await redis.exists('edgefl:node:node-b')).toBe(0);
    expect(await odd.recordedRunConfig()).toEqual(RUN);
  });

  it('keeps runs under different prefixes apart', async () => {
    await new RedisNodeMembership(redis, { nodeId: 'node-a', ttlMs: 60_000 }).join(RUN);
    await new RedisNodeMembership(redis, { nodeId: 'node-a', ttlMs: 60_000, prefix: 'other:' }).join({
      ...RUN,
      rounds: 3,
    });
    expect(await redis.exists('other:node:node-a')).toBe(1);
  });

  it('names a bad node id or TTL', () => {
    expect(() => new RedisNodeMembership(redis, { nodeId: 'a:b', ttlMs: 1_000 })).toThrow(
      /options.nodeId must be 1-64 chars/,
    );
    expect(() => new RedisNodeMembership(redis, { nodeId: 'a', ttlMs: 0 })).toThrow(/options.ttlMs/);
  });
});

/** Resolves once `key` is gone (Redis expires keys on access, so each EXISTS also checks). */
async function waitUntilGone(redis: Redis, key: string): Promise<void> {
  while ((await redis.exists(key)) === 1) await new Promise((done) => setImmediate(done));
}
