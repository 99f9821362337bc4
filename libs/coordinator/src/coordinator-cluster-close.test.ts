import { Redis } from 'ioredis';
import { MemoryRoundStore } from '@edgefl/coordinator-store';
import { startRedisTestServer } from '@edgefl/coordinator-store/testing';
import type { RedisTestServer } from '@edgefl/coordinator-store/testing';
import { Coordinator } from './coordinator';

describe('a coordinator node closing (real redis-server)', () => {
  let server: RedisTestServer;
  let redis: Redis;
  const unhandled: unknown[] = [];
  const record = (reason: unknown): void => void unhandled.push(reason);

  beforeAll(async () => {
    server = await startRedisTestServer();
    redis = new Redis(server.url);
    await redis.ping();
    process.on('unhandledRejection', record);
  });

  afterAll(async () => {
    process.off('unhandledRejection', record);
    redis.disconnect();
    await server.stop();
  });

  // socket.io's Redis Streams adapter subscribes without waiting for the reply: a node closed
  // before its subscriber connected (refused at listen(), or stopped at once) left that
  // SUBSCRIBE to reject with "Connection is closed", an unhandled rejection that ends a Node
  // process; and its stream reader stayed connected until its blocking read timed out.
  it('closed right after construction: no unhandled rejection, and only the caller’s connection is left', async () => {
    for (let i = 0; i < 5; i++) {
      const coordinator = new Coordinator({
        config: { secure: false, rounds: 1 },
        store: new MemoryRoundStore(),
        nodeId: `closing-${i}`,
        cluster: { redis, prefix: 'closing:' },
      });
      await coordinator.close(0);
    }
    // Rejections are reported once the microtask queue drains: one turn of the event loop.
    await new Promise((resolve) => setImmediate(resolve));
    expect(unhandled).toEqual([]);
    expect(await server.connections()).toBe(1);
  });
});
