import { Redis } from 'ioredis';
import { startRedisTestServer } from '@edgefl/coordinator-store/testing';
import type { RedisTestServer } from '@edgefl/coordinator-store/testing';
import { ClusterRoster } from './cluster-roster';

describe('ClusterRoster (real redis-server)', () => {
  let server: RedisTestServer;
  let redis: Redis;

  beforeAll(async () => {
    server = await startRedisTestServer();
    redis = new Redis(server.url);
  });

  afterAll(async () => {
    redis.disconnect();
    await server.stop();
  });

  it("lists the given nodes' clients with their identity keys, follows additions and removals, and forgets a cleared node", async () => {
    const roster = new ClusterRoster(redis, 'roster-test:');
    const identityKey = new Uint8Array(32).fill(7);
    await roster.add('node-a', { clientId: 'phone-1', agent: { sdk: 'test' }, identityKey }, 1_000);
    await roster.add('node-b', { clientId: 'phone-2', agent: { sdk: 'test' }, deltaDownlink: true }, 2_000);
    const first = await roster.read(['node-a', 'node-b']);
    expect(first.map((entry) => [entry.nodeId, entry.client.clientId, entry.connectedAt])).toEqual([
      ['node-a', 'phone-1', 1_000],
      ['node-b', 'phone-2', 2_000],
    ]);
    expect(first[0].client.identityKey).toEqual(identityKey);
    expect(first[1].client.deltaDownlink).toBe(true);
    // Only the nodes asked for (the live ones) count.
    expect((await roster.read(['node-b'])).map((entry) => entry.client.clientId)).toEqual(['phone-2']);

    await roster.remove('node-a', 'phone-1');
    await roster.add('node-a', { clientId: 'phone-3', agent: { sdk: 'test' } }, 3_000);
    expect((await roster.read(['node-a', 'node-b'])).map((entry) => entry.client.clientId).sort()).toEqual([
      'phone-2',
      'phone-3',
    ]);
    expect(await roster.count(['node-a', 'node-b'])).toBe(2);
    expect(await roster.count(['node-b', 'node-gone'])).toBe(1);
    await roster.clear('node-b');
    expect((await roster.read(['node-a', 'node-b'])).map((entry) => entry.client.clientId)).toEqual(['phone-3']);
    expect(await roster.count(['node-a', 'node-b'])).toBe(1);
    expect(await roster.count([])).toBe(0);
  });
});
