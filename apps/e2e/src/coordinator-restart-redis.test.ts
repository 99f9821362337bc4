import type { FederatedClient } from '@edgefl/client';
import { RedisRoundStore } from '@edgefl/coordinator-store/node';
import { startRedisTestServer } from '@edgefl/coordinator-store/testing';
import type { RedisTestServer } from '@edgefl/coordinator-store/testing';
import type { CoordinatorProcess } from './support/coordinator-restart';
import { killAndResume } from './support/kill-and-resume';

describe('coordinator restart on Redis (--redis)', () => {
  let redis: RedisTestServer;
  const processes: CoordinatorProcess[] = [];
  const clients: FederatedClient[] = [];

  beforeAll(async () => {
    redis = await startRedisTestServer();
  });

  afterEach(async () => {
    for (const client of clients.splice(0)) client.stop();
    await Promise.all(processes.splice(0).map((p) => p.kill()));
    // Each run starts on empty state.
    const store = await RedisRoundStore.connect(redis.url);
    await store.redis.flushall();
    await store.close();
  });

  afterAll(async () => {
    await redis?.stop();
  });

  for (const mode of ['plain', 'secure'] as const) {
    it(`${mode} run: is SIGKILLed mid-round, resumes from the model committed in Redis bit for bit, and the clients finish the run`, async () => {
      await killAndResume({
        state: ['--redis', redis.url],
        extra: [mode === 'secure' ? '--secure' : '--no-secure'],
        openStore: () => RedisRoundStore.connect(redis.url),
        rounds: 4,
        killedRound: 3,
        processes,
        clients,
      });
      // The client registry lives in Redis too: the three clients enrolled there (open mode, no keys).
      const store = await RedisRoundStore.connect(redis.url);
      try {
        expect((await store.listClients()).map((c) => c.clientId).sort()).toEqual(['c0', 'c1', 'c2']);
      } finally {
        await store.close();
      }
    });
  }
});
