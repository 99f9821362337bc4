import type { Redis } from 'ioredis';
import { assertOpenRound, openRoundFields } from './assert-open-round';
import type { OpenRound, OpenRoundStore } from './open-round';
import { RedisScript } from './redis-script';
import { StaleFencingTokenError } from './write-fence';
import type { WriteFence } from './write-fence';

/** How to open a {@link RedisOpenRoundStore}. */
export interface RedisOpenRoundStoreOptions {
  /** The run's key prefix (default `edgefl:`): the record lives at `<prefix>open-round`. */
  prefix?: string;
  /** When given (a leader lease), every write commits only while the fence's token is current. */
  fence?: WriteFence;
}

// KEYS: open-round key, token key. ARGV: fenced ('1'/'0'), token, then the JSON (put) or the roundId (clear).
const FENCE_CHECK = `
if ARGV[1] == '1' then
  local current = redis.call('GET', KEYS[2])
  if current ~= ARGV[2] then return redis.error_reply('EDGEFL_FENCED ' .. (current or 'none')) end
end`;
const PUT_SCRIPT = new RedisScript(
  FENCE_CHECK +
    `
redis.call('SET', KEYS[1], ARGV[3])
return 1`,
);
const CLEAR_SCRIPT = new RedisScript(
  FENCE_CHECK +
    `
local open = redis.call('GET', KEYS[1])
if not open or cjson.decode(open).roundId ~= ARGV[3] then return 0 end
redis.call('DEL', KEYS[1])
return 1`,
);

/**
 * An {@link OpenRoundStore} in Redis, shared by the nodes of a run: one JSON string at
 * `<prefix>open-round`. With a `fence` each write is one Lua script that first checks the fencing
 * token (as {@link RedisRoundStore}'s commits do), so a leader paused past its lease neither
 * overwrites nor clears its successor's record. Reads are plain GETs (followers read it too).
 *
 * @example
 * const openRounds = new RedisOpenRoundStore(redis, { prefix: 'edgefl:', fence: lease });
 * await openRounds.putOpenRound(open);
 */
export class RedisOpenRoundStore implements OpenRoundStore {
  private readonly key: string;
  private readonly fence: WriteFence | undefined;

  /** Uses `redis` (the caller closes it). */
  constructor(
    private readonly redis: Redis,
    options: RedisOpenRoundStoreOptions = {},
  ) {
    const prefix = options.prefix ?? 'edgefl:';
    if (typeof prefix !== 'string') throw new TypeError('options.prefix must be a string');
    this.key = `${prefix}open-round`;
    this.fence = options.fence;
  }

  async openRound(): Promise<OpenRound | undefined> {
    const text = await this.redis.get(this.key);
    return text === null ? undefined : (JSON.parse(text) as OpenRound);
  }

  async putOpenRound(open: OpenRound): Promise<void> {
    assertOpenRound(open);
    await this.write(PUT_SCRIPT, JSON.stringify(openRoundFields(open)));
  }

  async clearOpenRound(roundId: string): Promise<boolean> {
    if (typeof roundId !== 'string') throw new TypeError('roundId must be a string');
    return (await this.write(CLEAR_SCRIPT, roundId)) === 1;
  }

  private async write(script: RedisScript, argument: string): Promise<unknown> {
    const token = this.fence?.currentToken();
    try {
      return await script.run(
        this.redis,
        [this.key, this.fence?.tokenKey ?? `${this.key}:unfenced`],
        [this.fence ? '1' : '0', token === undefined ? '' : String(token), argument],
      );
    } catch (error) {
      const fenced = /EDGEFL_FENCED (.*)$/.exec((error as Error).message);
      if (!fenced) throw error;
      throw new StaleFencingTokenError(token, fenced[1] === 'none' ? undefined : Number(fenced[1]));
    }
  }
}
