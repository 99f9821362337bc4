import { createServer } from 'node:http';
import { Redis } from 'ioredis';
import type { RedisOptions } from 'ioredis';
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

  // ioredis 6.0.0 restores a reconnected connection's subscriptions with SUBSCRIBE calls whose
  // promises nothing handles (redis/ioredis#2187, not released). One that failed was an unhandled
  // rejection, which ends a Node process: a refusal, as here, or a node closing while the
  // SUBSCRIBE waited (CI saw "Connection is closed" when nodes closed just after a Redis restart).
  it('reports a refused resubscription after a reconnection as an error of the connection, and the process stays up', async () => {
    const admin = new Redis(server.url);
    await admin.acl('SETUSER', 'resubscriber', 'on', '>secret', '~*', '&*', '+@all');
    const duplicates: Redis[] = [];
    class WatchedRedis extends Redis {
      override duplicate(override?: Partial<RedisOptions>): Redis {
        const duplicate = super.duplicate(override);
        duplicates.push(duplicate);
        return duplicate;
      }
    }
    const redis = new WatchedRedis(server.url, { username: 'resubscriber', password: 'secret' });
    const io = new Server(createServer());
    const adapter = new RedisSocketAdapter(redis, { prefix: 'resubscribe:' });
    io.adapter(adapter.factory);
    // Each round trip waits on Redis itself: the adapter subscribes once its connection is up.
    while (Number((await admin.pubsub('NUMSUB', 'resubscribe:socket.io#/#'))[1]) === 0);
    const refused = new Promise<Error>((resolve) => {
      for (const duplicate of duplicates) duplicate.on('error', resolve);
    });
    // Redis disconnects a client subscribed to a channel its user may no longer use.
    await admin.acl('SETUSER', 'resubscriber', 'resetchannels', '&elsewhere');
    expect((await refused).message).toMatch(/^NOPERM/);
    await io.close();
    await adapter.close();
    redis.disconnect();
    await admin.acl('DELUSER', 'resubscriber');
    admin.disconnect();
    expect(await server.connections()).toBe(0);
  });
});
