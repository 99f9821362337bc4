import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

type ScriptArgument = string | Buffer | number;

/**
 * A Lua script run by its SHA-1 (`EVALSHA`), sent in full (`EVAL`) only when Redis does not know
 * it yet (`NOSCRIPT`: the first call, or after a Redis restart or `SCRIPT FLUSH`). A script's text
 * is often ten times the size of its arguments: sending the hash keeps the bytes per call (e.g.
 * per enrollment) to the arguments.
 *
 * @example
 * const INCR_BY = new RedisScript("return redis.call('INCRBY', KEYS[1], ARGV[1])");
 * await INCR_BY.run(redis, ['counter'], ['2']); // 2
 */
export class RedisScript {
  /** The script's SHA-1, hex: Redis's name for it. */
  readonly sha: string;

  constructor(readonly lua: string) {
    this.sha = createHash('sha1').update(lua).digest('hex');
  }

  /** Puts the script in Redis's cache (`SCRIPT LOAD`), so the first calls go by hash too. */
  async load(redis: Redis): Promise<void> {
    await redis.script('LOAD', this.lua);
  }

  /** Runs the script; replies as ioredis's `call` (strings). */
  run(redis: Redis, keys: readonly string[], args: readonly ScriptArgument[]): Promise<unknown> {
    return this.invoke(redis, 'call', keys, args);
  }

  /** Runs the script; replies as ioredis's `callBuffer` (Buffers). */
  runBuffer(redis: Redis, keys: readonly string[], args: readonly ScriptArgument[]): Promise<unknown> {
    return this.invoke(redis, 'callBuffer', keys, args);
  }

  private async invoke(
    redis: Redis,
    method: 'call' | 'callBuffer',
    keys: readonly string[],
    args: readonly ScriptArgument[],
  ): Promise<unknown> {
    try {
      return await redis[method]('EVALSHA', this.sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      // EVAL also puts the script in Redis's cache: the next call goes by hash again.
      return redis[method]('EVAL', this.lua, keys.length, ...keys, ...args);
    }
  }
}
