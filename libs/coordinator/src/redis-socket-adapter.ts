import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Redis, RedisOptions } from 'ioredis';
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
 * publishes with `XADD` on `redis` (so a node's writes and its broadcasts reach Redis in the
 * order it made them) and reads the stream and its Pub/Sub channels on connections of its own,
 * which {@link close} ends. Unlike a Pub/Sub adapter, a node that loses Redis for a moment reads
 * what it missed from the stream once it is back.
 *
 * @example
 * const adapter = new RedisSocketAdapter(store.redis, { prefix: 'edgefl:' });
 * io.adapter(adapter.factory);
 * io.close(() => void adapter.close());
 */
export class RedisSocketAdapter {
  /** What `io.adapter()` takes. */
  readonly factory: Parameters<Server['adapter']>[0];
  private readonly connections: Redis[] = [];

  constructor(redis: Redis, options: RedisSocketAdapterOptions = {}) {
    const prefix = options.prefix ?? 'edgefl:';
    this.factory = createAdapter(
      this.guarded(redis, (override) => this.own(redis.duplicate(override))),
      {
        streamName: `${prefix}socket.io`,
        channelPrefix: `${prefix}socket.io`,
        sessionKeyPrefix: `${prefix}socket.io:session:`,
        maxLen: options.maxLen ?? 10_000,
      },
    );
  }

  /**
   * Ends the adapter's own connections (its stream reader would otherwise stay connected until
   * its blocking read times out) and resolves once they are closed. Call it after `io.close()`.
   */
  async close(): Promise<void> {
    await Promise.all(this.connections.splice(0).map(closed));
  }

  private own(connection: Redis): Redis {
    this.connections.push(connection);
    reportRestoreFailures(connection);
    return this.guarded(connection, (override) => this.own(connection.duplicate(override)));
  }

  /**
   * `connection` as the adapter sees it. The adapter sends some commands without waiting for
   * their replies (SUBSCRIBE, PUBLISH of fetchSockets requests, session SETs): one that fails
   * because its connection closed would be an unhandled rejection, which ends a Node process.
   * Every promise a method returns gets a handler here; callers that await it still see the error.
   * One wrapper per method name, made on first use: the adapter calls XADD and PUBLISH per broadcast.
   */
  private guarded(connection: Redis, duplicate: (override?: Partial<RedisOptions>) => Redis): Redis {
    const wrappers = new Map<PropertyKey, (...args: unknown[]) => unknown>();
    return new Proxy(connection, {
      get(target, property) {
        if (property === 'duplicate') return duplicate;
        const value: unknown = Reflect.get(target, property, target);
        if (typeof value !== 'function') return value;
        let wrapper = wrappers.get(property);
        if (!wrapper) {
          wrapper = (...args: unknown[]): unknown => {
            const method = Reflect.get(target, property, target) as (...args: unknown[]) => unknown;
            const result = method.apply(target, args);
            if (result instanceof Promise) result.catch(() => undefined);
            return result;
          };
          wrappers.set(property, wrapper);
        }
        return wrapper;
      },
    });
  }
}

/**
 * After a reconnection ioredis 6.0.0 restores the connection's database and subscriptions (SELECT,
 * SUBSCRIBE, PSUBSCRIBE, SSUBSCRIBE) without handling those commands' promises (fixed upstream by
 * redis/ioredis#2187, not released): one refused (NOPERM) or cut short by a close would be an
 * unhandled rejection. ioredis makes those calls on the instance, past any proxy, so the instance
 * gets methods of its own that report a failure as the connection's 'error', as ioredis does for
 * the commands it sends on connecting.
 */
function reportRestoreFailures(connection: Redis): void {
  for (const name of ['select', 'subscribe', 'psubscribe', 'ssubscribe'] as const) {
    const send = connection[name].bind(connection) as (...args: unknown[]) => Promise<unknown>;
    Object.defineProperty(connection, name, {
      configurable: true,
      writable: true,
      value: (...args: unknown[]): Promise<unknown> => {
        const reply = send(...args);
        reply.catch((error: Error) => {
          if (connection.listenerCount('error') > 0) connection.emit('error', error);
        });
        return reply;
      },
    });
  }
}

/**
 * Disconnects `connection` and resolves once it has closed. Between a lost connection and its
 * next attempt (`reconnecting`) there is no socket to close and ioredis never reports `end`:
 * disconnecting cancels the attempt, and that is all there is to wait for.
 */
function closed(connection: Redis): Promise<void> {
  return new Promise((resolve) => {
    if (connection.status === 'end') return resolve();
    if (connection.status === 'reconnecting') {
      connection.disconnect();
      return resolve();
    }
    connection.once('end', () => resolve());
    connection.disconnect();
  });
}
