import { createServer } from 'node:http';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { startRedisTestServer } from '@edgefl/coordinator-store/testing';
import type { RedisTestServer } from '@edgefl/coordinator-store/testing';
import { RedisSocketAdapter } from './redis-socket-adapter';

describe('RedisSocketAdapter (real redis-server)', () => {
  let server: RedisTestServer;

  beforeAll(async () => {
    server = await startRedisTestServer();
  });

  afterAll(async () => {
    await server.stop();
  });

  // ioredis never reports `end` for a connection disconnected while it waits to reconnect:
  // close() waited for it for ever, and a node could not shut down while Redis was away.
  it('closes while Redis is down, its connections waiting to reconnect', async () => {
    const redis = new Redis(server.url);
    redis.on('error', () => undefined);
    const io = new Server(createServer());
    const adapter = new RedisSocketAdapter(redis, { prefix: 'down:' });
    io.adapter(adapter.factory);
    // The publisher's round trip comes after the adapter's own connections were opened on the same server.
    await redis.ping();
    await redis.client('LIST');
    await server.halt();
    // (events.once would reject on the connection's ECONNREFUSED errors.)
    const reconnecting = (): Promise<void> => new Promise((resolve) => redis.once('reconnecting', () => resolve()));
    await reconnecting();
    await reconnecting();
    await io.close();
    await adapter.close();
    redis.disconnect();
    await server.resume();
    expect(await server.connections()).toBe(0);
  });
});
