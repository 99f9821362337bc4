import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Redis } from 'ioredis';
import type { Server } from 'socket.io';

/** Where a run's socket.io messages between nodes go in Redis. */
export interface RedisSocketAdapterOptions {
  /** The run's key prefix (default `edgefl:`): the stream is `<prefix>socket.io`, so runs on one Redis stay apart. */
  prefix?: string;
  /** Entries the stream keeps (approximate trimming; default 10,000). */
  maxLen?: number;
}

/**
 * socket.io's Redis Streams adapter on an existing ioredis connection: `io.emit`, `io.to(room)`
 * and the other broadcasts of any node reach the sockets of every node serving the run. It
 * publishes with `XADD` on `redis` and reads the stream on a duplicate of it (an `XREAD BLOCK`
 * would hold up the store's commands). Unlike a Pub/Sub adapter, a node that loses Redis for a
 * moment reads what it missed from the stream once it is back.
 *
 * @example
 * io.adapter(createRedisSocketAdapter(store.redis, { prefix: 'edgefl:' }));
 */
export function createRedisSocketAdapter(
  redis: Redis,
  options: RedisSocketAdapterOptions = {},
): Parameters<Server['adapter']>[0] {
  const prefix = options.prefix ?? 'edgefl:';
  return createAdapter(redis, {
    streamName: `${prefix}socket.io`,
    channelPrefix: `${prefix}socket.io`,
    sessionKeyPrefix: `${prefix}socket.io:session:`,
    maxLen: options.maxLen ?? 10_000,
  });
}
