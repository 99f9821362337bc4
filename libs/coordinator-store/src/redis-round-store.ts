import { Redis } from 'ioredis';
import { assertExpireOptions, assertRegisterArguments } from './assert-client-registry-arguments';
import { assertCheckpoint, assertRoundRecord } from './assert-round-store-arguments';
import type { ClientRegistryStore } from './client-registry-store';
import { float32ToLittleEndianBytes, littleEndianBytesToFloat32 } from './float32-bytes';
import { RedisScript } from './redis-script';
import type { ModelCheckpoint } from './model-checkpoint';
import type { RegisteredClient } from './registered-client';
import type { RoundRecord } from './round-record';
import type { RoundStore } from './round-store';
import { StaleFencingTokenError } from './write-fence';
import type { WriteFence } from './write-fence';

/** How to open a {@link RedisRoundStore}. */
export interface RedisRoundStoreOptions {
  /** Prefix of every key the store writes (default `edgefl:`): one run per prefix. */
  prefix?: string;
  /** When given, every round-store write commits only while the fence's token is current. */
  fence?: WriteFence;
}

// Every state write is one Lua script: Redis runs it atomically and appends its effects to the
// AOF as one MULTI/EXEC block, so after a crash a round record and its checkpoint are both there
// or neither is. Errors come back as "EDGEFL_<KIND> <detail>" and are mapped to named errors.
const FENCE_CHECK = `
if ARGV[1] == '1' then
  local current = redis.call('GET', KEYS[4])
  if current ~= ARGV[2] then return redis.error_reply('EDGEFL_FENCED ' .. (current or 'none')) end
end`;
const PUT_INITIAL =
  FENCE_CHECK +
  `
if redis.call('EXISTS', KEYS[1]) == 1 then return redis.error_reply('EDGEFL_EXISTS the store already holds a model') end
redis.call('HSET', KEYS[3], 'weights', ARGV[5], 'createdAt', ARGV[6])
redis.call('SET', KEYS[1], ARGV[4])
return 'OK'`;
const COMMIT_ROUND =
  FENCE_CHECK +
  `
if ARGV[3] == '1' then
  local latest = redis.call('GET', KEYS[1])
  local expected = latest and (tonumber(latest) + 1) or 0
  if tonumber(ARGV[4]) ~= expected then return redis.error_reply('EDGEFL_VERSION ' .. expected) end
end
redis.call('RPUSH', KEYS[2], ARGV[7])
if ARGV[3] == '1' then
  redis.call('HSET', KEYS[3], 'weights', ARGV[5], 'createdAt', ARGV[6])
  redis.call('SET', KEYS[1], ARGV[4])
end
return 'OK'`;
// KEYS: client hash, seen zset, enrolled zset, enrollment counter. ARGV: clientId, at, key ('' = none).
const REGISTER = `
local at = ARGV[2]
if redis.call('EXISTS', KEYS[1]) == 0 then
  local seq = redis.call('INCR', KEYS[4])
  redis.call('HSET', KEYS[1], 'enrolledAt', at, 'lastSeenAt', at, 'seq', seq)
  if ARGV[3] ~= '' then redis.call('HSET', KEYS[1], 'identityKey', ARGV[3]) end
  redis.call('ZADD', KEYS[2], at, ARGV[1])
  redis.call('ZADD', KEYS[3], at, ARGV[1])
else
  local pinned = redis.call('HGET', KEYS[1], 'identityKey')
  if ARGV[3] ~= '' and pinned and pinned ~= ARGV[3] then return redis.error_reply('EDGEFL_KEY mismatch') end
  if ARGV[3] ~= '' and not pinned then redis.call('HSET', KEYS[1], 'identityKey', ARGV[3]) end
  if tonumber(at) > tonumber(redis.call('HGET', KEYS[1], 'lastSeenAt')) then
    redis.call('HSET', KEYS[1], 'lastSeenAt', at)
    redis.call('ZADD', KEYS[2], at, ARGV[1])
  end
end
return redis.call('HMGET', KEYS[1], 'enrolledAt', 'lastSeenAt', 'identityKey')`;
// KEYS: seen zset, enrolled zset. ARGV: seenBefore, keep, client hash key prefix.
// Removes every client seen before ARGV[1], then the least recently seen beyond ARGV[2]; among
// equal sightings the earlier enrolled (smaller seq) goes first.
const EXPIRE = `
local function forget(id)
  redis.call('DEL', ARGV[3] .. id)
  redis.call('ZREM', KEYS[1], id)
  redis.call('ZREM', KEYS[2], id)
end
local removed = 0
for _, id in ipairs(redis.call('ZRANGE', KEYS[1], '-inf', '(' .. ARGV[1], 'BYSCORE')) do
  forget(id)
  removed = removed + 1
end
local surplus = redis.call('ZCARD', KEYS[1]) - tonumber(ARGV[2])
if surplus <= 0 then return removed end
local oldest = redis.call('ZRANGE', KEYS[1], 0, surplus - 1, 'WITHSCORES')
local edge = oldest[#oldest]
local below = redis.call('ZRANGE', KEYS[1], '-inf', '(' .. edge, 'BYSCORE')
for _, id in ipairs(below) do forget(id) end
local ties = redis.call('ZRANGE', KEYS[1], edge, edge, 'BYSCORE')
local order = {}
for _, id in ipairs(ties) do table.insert(order, { id = id, seq = tonumber(redis.call('HGET', ARGV[3] .. id, 'seq')) }) end
table.sort(order, function(a, b) return a.seq < b.seq end)
for i = 1, surplus - #below do forget(order[i].id) end
return removed + surplus`;

// Run by hash (EVALSHA); the text goes to Redis once per server start.
const PUT_INITIAL_SCRIPT = new RedisScript(PUT_INITIAL);
const COMMIT_ROUND_SCRIPT = new RedisScript(COMMIT_ROUND);
const REGISTER_SCRIPT = new RedisScript(REGISTER);
const EXPIRE_SCRIPT = new RedisScript(EXPIRE);
const STORE_SCRIPTS = [PUT_INITIAL_SCRIPT, COMMIT_ROUND_SCRIPT, REGISTER_SCRIPT, EXPIRE_SCRIPT];

/**
 * A {@link RoundStore} and {@link ClientRegistryStore} in Redis, for coordinators whose state must
 * outlive the process and the machine (and, later, be shared by several coordinator nodes).
 *
 * Layout under the prefix: `latest` (newest version), `checkpoint:<v>` (hash: raw little-endian
 * float32 `weights`, bit for bit, and `createdAt`), `rounds` (list of JSON round records),
 * `client:<id>` (hash), `clients:seen` and `clients:enrolled` (sorted sets), `clients:seq`.
 * Writes that commit a version are one Lua script each (atomic; one MULTI/EXEC in the AOF). Run
 * Redis with `appendonly yes` (and `appendfsync always` to lose no acknowledged commit on a power
 * cut). With a `fence`, round-store writes are refused once the writer's fencing token is stale.
 * NaN metrics read back as absent, as with SQLite.
 *
 * @example
 * const store = await RedisRoundStore.connect('redis://127.0.0.1:6379');
 * const coordinator = new Coordinator({ config, store, clients: store });
 */
export class RedisRoundStore implements RoundStore, ClientRegistryStore {
  private readonly prefix: string;
  private readonly fence: WriteFence | undefined;

  /** Wraps an ioredis connection; {@link RedisRoundStore.close} closes it. */
  constructor(
    readonly redis: Redis,
    options: RedisRoundStoreOptions = {},
  ) {
    if (typeof options !== 'object' || options === null) throw new TypeError('options must be an object');
    this.prefix = options.prefix ?? 'edgefl:';
    if (typeof this.prefix !== 'string') throw new TypeError('options.prefix must be a string');
    this.fence = options.fence;
  }

  /**
   * The same store on the same connection, its round-store writes guarded by `fence` (a leader
   * lease): how a coordinator node fences the store it was handed. Closing either closes the connection.
   *
   * @example
   * const fenced = store.withFence(new RedisLeaderLease(store.redis, { nodeId, ttlMs: 6_000 }));
   */
  withFence(fence: WriteFence): RedisRoundStore {
    return new RedisRoundStore(this.redis, { prefix: this.prefix, fence });
  }

  /**
   * Connects to `url` (`redis://HOST:PORT[/DB]` or `rediss://` for TLS) and resolves once Redis
   * answers, or rejects naming the URL.
   */
  static async connect(
    url: string,
    options: RedisRoundStoreOptions & { onConnectionError?: (error: Error) => void } = {},
  ): Promise<RedisRoundStore> {
    assertRedisUrl(url);
    const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 20 });
    let cause: Error | undefined;
    const firstError = (error: Error): void => {
      cause ??= error;
    };
    redis.on('error', firstError);
    try {
      await redis.connect();
      await redis.ping();
      // Loaded up front: a burst of enrollments on a cold Redis would otherwise each fall back to EVAL.
      await Promise.all(STORE_SCRIPTS.map((script) => script.load(redis)));
    } catch (error) {
      redis.disconnect();
      throw new Error(`redis ${withoutPassword(url)}: ${(cause ?? (error as Error)).message}`);
    } finally {
      redis.off('error', firstError);
    }
    // Connection errors after this (Redis restarted, network down) are retried by ioredis; commands
    // issued meanwhile reject after their retries. Without a listener ioredis prints them to stderr.
    if (options.onConnectionError) redis.on('error', options.onConnectionError);
    return new RedisRoundStore(redis, options);
  }

  async latestCheckpoint(): Promise<ModelCheckpoint | undefined> {
    const latest = await this.redis.get(this.key('latest'));
    return latest === null ? undefined : this.checkpoint(Number(latest));
  }

  async checkpoint(version: number): Promise<ModelCheckpoint | undefined> {
    if (!Number.isInteger(version)) throw new TypeError(`version must be an integer, got ${String(version)}`);
    const [weights, createdAt] = await this.redis.hmgetBuffer(
      this.key(`checkpoint:${version}`),
      'weights',
      'createdAt',
    );
    if (!weights || !createdAt) return undefined;
    return { version, weights: littleEndianBytesToFloat32(weights), createdAt: Number(createdAt.toString('utf8')) };
  }

  async putInitialCheckpoint(checkpoint: ModelCheckpoint): Promise<void> {
    assertCheckpoint(checkpoint, 'checkpoint');
    await this.write(PUT_INITIAL_SCRIPT, checkpoint, '');
  }

  async commitRound(record: RoundRecord, checkpoint?: ModelCheckpoint): Promise<void> {
    assertRoundRecord(record);
    if (checkpoint !== undefined) assertCheckpoint(checkpoint, 'checkpoint');
    await this.write(COMMIT_ROUND_SCRIPT, checkpoint, JSON.stringify(record));
  }

  async rounds(): Promise<RoundRecord[]> {
    const lines = await this.redis.lrange(this.key('rounds'), 0, -1);
    return lines.map(toRoundRecord);
  }

  async registerClient(
    clientId: string,
    options: { identityKey?: Uint8Array; at?: number } = {},
  ): Promise<RegisteredClient> {
    const { identityKey, at } = assertRegisterArguments(clientId, options);
    const keys = [
      this.key(`client:${clientId}`),
      this.key('clients:seen'),
      this.key('clients:enrolled'),
      this.key('clients:seq'),
    ];
    let reply: Array<Buffer | null>;
    try {
      reply = (await REGISTER_SCRIPT.runBuffer(this.redis, keys, [
        clientId,
        String(at),
        identityKey ? Buffer.from(identityKey) : '',
      ])) as Array<Buffer | null>;
    } catch (error) {
      if ((error as Error).message.includes('EDGEFL_KEY'))
        throw new Error(`options.identityKey does not match the key pinned for client ${clientId}`);
      throw error;
    }
    return toRegisteredClient(clientId, reply);
  }

  async getClient(clientId: string): Promise<RegisteredClient | undefined> {
    assertRegisterArguments(clientId, {});
    const reply = await this.redis.hmgetBuffer(
      this.key(`client:${clientId}`),
      'enrolledAt',
      'lastSeenAt',
      'identityKey',
    );
    return reply[0] ? toRegisteredClient(clientId, reply) : undefined;
  }

  async listClients(): Promise<RegisteredClient[]> {
    // Sorted by enrolledAt, then by id (byte order), as SQLite's ORDER BY enrolled_at, client_id.
    const ids = await this.redis.zrange(this.key('clients:enrolled'), '0', '-1');
    if (ids.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.hmgetBuffer(this.key(`client:${id}`), 'enrolledAt', 'lastSeenAt', 'identityKey');
    const replies = (await pipeline.exec()) ?? [];
    const clients: RegisteredClient[] = [];
    replies.forEach(([error, reply], i) => {
      if (error) throw error;
      const fields = reply as Array<Buffer | null>;
      if (fields[0]) clients.push(toRegisteredClient(ids[i], fields));
    });
    return clients;
  }

  async expireClients(options: { seenBefore: number; keep: number }): Promise<number> {
    const { seenBefore, keep } = assertExpireOptions(options);
    const removed = await EXPIRE_SCRIPT.run(
      this.redis,
      [this.key('clients:seen'), this.key('clients:enrolled')],
      [scoreArgument(seenBefore), String(keep), this.key('client:')],
    );
    return Number(removed);
  }

  /** Closes the connection; closing twice is harmless. */
  async close(): Promise<void> {
    if (this.redis.status === 'end') return;
    // QUIT waits for a reply: when Redis is unreachable, drop the connection instead.
    if (this.redis.status !== 'ready') {
      this.redis.disconnect();
      return;
    }
    try {
      await this.redis.quit();
    } catch {
      this.redis.disconnect();
    }
  }

  private key(name: string): string {
    return `${this.prefix}${name}`;
  }

  private async write(script: RedisScript, checkpoint: ModelCheckpoint | undefined, record: string): Promise<void> {
    const version = checkpoint?.version ?? -1;
    const keys = [
      this.key('latest'),
      this.key('rounds'),
      this.key(`checkpoint:${version}`),
      this.fence?.tokenKey ?? this.key('unfenced'),
    ];
    const token = this.fence?.currentToken();
    try {
      await script.run(this.redis, keys, [
        this.fence ? '1' : '0',
        token === undefined ? '' : String(token),
        checkpoint ? '1' : '0',
        String(version),
        checkpoint ? float32ToLittleEndianBytes(checkpoint.weights) : '',
        checkpoint ? String(checkpoint.createdAt) : '',
        record,
      ]);
    } catch (error) {
      const message = (error as Error).message;
      const detail = /EDGEFL_([A-Z]+) (.*)$/.exec(message);
      if (!detail) throw error;
      if (detail[1] === 'FENCED')
        throw new StaleFencingTokenError(token, detail[2] === 'none' ? undefined : Number(detail[2]));
      if (detail[1] === 'VERSION') throw new Error(`checkpoint.version must be ${detail[2]}, got ${version}`);
      if (detail[1] === 'EXISTS') throw new Error(`putInitialCheckpoint: ${detail[2]}`);
      throw error;
    }
  }
}

/** A sorted-set score as Redis spells it (infinities as inf / -inf). */
function scoreArgument(value: number): string {
  return value === Infinity ? 'inf' : value === -Infinity ? '-inf' : String(value);
}

/** The URL with its password replaced, for errors and logs. */
function withoutPassword(text: string): string {
  const url = new URL(text);
  if (url.password) url.password = 'redacted';
  return url.toString();
}

function assertRedisUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError(`redis URL must look like redis://HOST:PORT, got ${JSON.stringify(url)}`);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:')
    throw new TypeError(`redis URL must start with redis:// or rediss://, got ${JSON.stringify(url)}`);
}

function toRoundRecord(line: string): RoundRecord {
  const parsed = JSON.parse(line) as Record<string, unknown>;
  // JSON turns NaN into null: drop it, so a NaN metric reads back as absent (as with SQLite).
  for (const key of Object.keys(parsed)) if (parsed[key] === null) delete parsed[key];
  return parsed as unknown as RoundRecord;
}

function toRegisteredClient(
  clientId: string,
  [enrolledAt, lastSeenAt, identityKey]: Array<Buffer | null>,
): RegisteredClient {
  const client: RegisteredClient = {
    clientId,
    enrolledAt: Number(String(enrolledAt)),
    lastSeenAt: Number(String(lastSeenAt)),
  };
  if (identityKey) client.identityKey = Uint8Array.from(identityKey);
  return client;
}
