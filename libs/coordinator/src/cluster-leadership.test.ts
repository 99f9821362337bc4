import { Redis } from 'ioredis';
import { RedisLeaderLease } from '@edgefl/coordinator-store/node';
import { startRedisTestServer } from '@edgefl/coordinator-store/testing';
import type { RedisTestServer } from '@edgefl/coordinator-store/testing';
import { ClusterLeadership } from './cluster-leadership';
import type { CoordinatorLogger } from './coordinator-logger';
import { silentLogger } from './coordinator-logger';

const TTL_MS = 600;

/** A logger that keeps the messages of `error` entries, over the silent one. */
function errorsInto(messages: string[]): CoordinatorLogger {
  return { ...silentLogger, error: (_fields: object, msg: string) => void messages.push(msg) };
}

function aborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

describe('ClusterLeadership (real redis-server)', () => {
  let server: RedisTestServer;
  const connections: Redis[] = [];

  beforeEach(async () => {
    server = await startRedisTestServer();
  });

  afterEach(async () => {
    for (const redis of connections.splice(0)) redis.disconnect();
    await server.stop();
  });

  it('counts the lease as lost when Redis answers no renewal for a whole TTL, and contends again once Redis is back', async () => {
    const redis = new Redis(server.url);
    redis.on('error', () => undefined);
    connections.push(redis);
    const errors: string[] = [];
    const lease = new RedisLeaderLease(redis, { nodeId: 'node-a', ttlMs: TTL_MS, prefix: 'leadership-test:' });
    const leadership = new ClusterLeadership(lease, TTL_MS, 'node-a', errorsInto(errors));
    const closing = new AbortController();
    const first = await leadership.acquire(closing.signal);
    expect(first.acquired).toBe(true);
    const firstToken = lease.currentToken();
    expect(leadership.leading).toBe(true);

    // Redis goes away: the renewals are queued, never answered.
    await server.halt('SIGKILL');
    await aborted(first.lost);
    expect(leadership.leading).toBe(false);
    expect(lease.currentToken()).toBeUndefined();
    expect(errors).toEqual(['lost the leader lease: another node runs the rounds now']);

    await server.resume();
    const second = await leadership.acquire(closing.signal);
    expect(second.acquired).toBe(true);
    expect(lease.currentToken()).toBeGreaterThan(firstToken ?? Infinity);
    await leadership.release();
    expect(leadership.leading).toBe(false);
    // A release is not a loss.
    expect(second.lost.aborted).toBe(false);
  });
});
