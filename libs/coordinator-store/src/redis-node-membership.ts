import { createHash, randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { canonicalJson } from './canonical-json';
import { diffRunConfig } from './diff-run-config';
import { RedisScript } from './redis-script';
import { DuplicateNodeIdError } from './duplicate-node-id-error';
import { RunConfigMismatchError } from './run-config-mismatch-error';

/** How a coordinator node registers itself in a {@link RedisNodeMembership}. */
export interface RedisNodeMembershipOptions {
  /** This node's id among the nodes of the run: `[A-Za-z0-9_.-]`, 1-64 characters. */
  nodeId: string;
  /** How long a registration lasts without a refresh, in milliseconds (refresh at a third of it). */
  ttlMs: number;
  /** Key prefix shared with the run's store (default `edgefl:`): one run per prefix. */
  prefix?: string;
}

/** What {@link RedisNodeMembership.refresh} found. */
export type NodeRefreshOutcome =
  /** The registration was there and now lasts another TTL. */
  | 'refreshed'
  /** The registration had lapsed (the node was paused past its TTL, or Redis lost it) and was made again. */
  | 'rejoined'
  /** The registration had lapsed and another process registered the same node id meanwhile. */
  | 'taken';

/** A live node as the membership lists it. */
export interface ClusterNodeEntry {
  nodeId: string;
  /** When its registration lapses without a refresh (Redis server time, ms since the epoch). */
  expiresAt: number;
}

// KEYS: node key, nodes zset, run config hash. ARGV: instance, ttl, config hash, config JSON, node id.
// The run's configuration is recorded by the first node to join and checked for every later one;
// then the node key is taken unless another live process holds it.
const JOIN = `
local recorded = redis.call('HGET', KEYS[3], 'hash')
if recorded and recorded ~= ARGV[3] then return {'config', redis.call('HGET', KEYS[3], 'config')} end
local holder = redis.call('GET', KEYS[1])
if holder and holder ~= ARGV[1] then return {'taken', tostring(redis.call('PTTL', KEYS[1]))} end
if not recorded then redis.call('HSET', KEYS[3], 'hash', ARGV[3], 'config', ARGV[4], 'recordedBy', ARGV[5]) end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
local t = redis.call('TIME')
redis.call('ZADD', KEYS[2], tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) + tonumber(ARGV[2]), ARGV[5])
return {'ok'}`;
// KEYS: node key, nodes zset. ARGV: instance, ttl, node id.
const REFRESH = `
local holder = redis.call('GET', KEYS[1])
local outcome = 'refreshed'
if holder and holder ~= ARGV[1] then return 'taken' end
if holder then redis.call('PEXPIRE', KEYS[1], ARGV[2]) else
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  outcome = 'rejoined'
end
local t = redis.call('TIME')
redis.call('ZADD', KEYS[2], tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) + tonumber(ARGV[2]), ARGV[3])
return outcome`;
// KEYS: node key, nodes zset. ARGV: instance, node id.
const LEAVE = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[2])
return 1`;
// KEYS: nodes zset. Drops lapsed entries, lists the rest.
const LIVE = `
local t = redis.call('TIME')
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. (tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)))
return redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')`;

const JOIN_SCRIPT = new RedisScript(JOIN);
const REFRESH_SCRIPT = new RedisScript(REFRESH);
const LEAVE_SCRIPT = new RedisScript(LEAVE);
const LIVE_SCRIPT = new RedisScript(LIVE);

const NODE_ID = /^[A-Za-z0-9_.-]{1,64}$/;

/**
 * The coordinator nodes serving one run, registered in Redis: each node holds a key
 * `node:<id>` with a TTL that it refreshes, so a second process started with the same node id is
 * refused ({@link DuplicateNodeIdError}) instead of serving beside it; and the run's configuration
 * (the settings every node must share) is recorded by the first node, so a node started with
 * different settings is refused ({@link RunConfigMismatchError}, naming each difference).
 *
 * Keys under the prefix: `node:<id>` (string: this process's instance id, with a TTL), `nodes`
 * (sorted set: node ids by registration expiry), `run:config` (hash: `hash`, the SHA-256 of the
 * canonical JSON; `config`, that JSON; `recordedBy`, the first node).
 *
 * @example
 * const membership = new RedisNodeMembership(redis, { nodeId: 'node-a', ttlMs: 15_000 });
 * await membership.join({ runId: 'run', rounds: 10 }); // throws DuplicateNodeIdError / RunConfigMismatchError
 * setInterval(() => void membership.refresh(), 5_000);
 * await membership.leave();
 */
export class RedisNodeMembership {
  /** Names this process (a restarted node gets a new one): tells this node's key from a twin's. */
  readonly instance = randomUUID();
  readonly nodeKey: string;
  readonly nodesKey: string;
  readonly runConfigKey: string;

  constructor(
    private readonly redis: Redis,
    private readonly options: RedisNodeMembershipOptions,
  ) {
    if (typeof options.nodeId !== 'string' || !NODE_ID.test(options.nodeId))
      throw new TypeError(`options.nodeId must be 1-64 chars of [A-Za-z0-9_.-], got ${JSON.stringify(options.nodeId)}`);
    if (!Number.isSafeInteger(options.ttlMs) || options.ttlMs < 1)
      throw new TypeError(`options.ttlMs must be a positive integer, got ${String(options.ttlMs)}`);
    const prefix = options.prefix ?? 'edgefl:';
    this.nodeKey = `${prefix}node:${options.nodeId}`;
    this.nodesKey = `${prefix}nodes`;
    this.runConfigKey = `${prefix}run:config`;
  }

  get nodeId(): string {
    return this.options.nodeId;
  }

  /**
   * Registers this node for the run whose configuration is `runConfig` (only the settings every
   * node must share: no ports, hosts or node ids). The first node records it; later ones must
   * match it. Throws {@link RunConfigMismatchError} or {@link DuplicateNodeIdError}, writing nothing.
   */
  async join(runConfig: Record<string, unknown>): Promise<void> {
    const json = canonicalJson(runConfig);
    const hash = createHash('sha256').update(json).digest('hex');
    const reply = (await JOIN_SCRIPT.run(
      this.redis,
      [this.nodeKey, this.nodesKey, this.runConfigKey],
      [this.instance, String(this.options.ttlMs), hash, json, this.options.nodeId],
    )) as [string, string?];
    if (reply[0] === 'config')
      throw new RunConfigMismatchError(this.options.nodeId, diffRunConfig(JSON.parse(reply[1] ?? 'null'), runConfig));
    if (reply[0] === 'taken') throw new DuplicateNodeIdError(this.options.nodeId, Number(reply[1]));
  }

  /** Extends the registration by its TTL (or makes it again if it lapsed and nobody took the id). */
  async refresh(): Promise<NodeRefreshOutcome> {
    return (await REFRESH_SCRIPT.run(
      this.redis,
      [this.nodeKey, this.nodesKey],
      [this.instance, String(this.options.ttlMs), this.options.nodeId],
    )) as NodeRefreshOutcome;
  }

  /** Removes the registration (only this process's own), so the id is free at once. */
  async leave(): Promise<void> {
    await LEAVE_SCRIPT.run(this.redis, [this.nodeKey, this.nodesKey], [this.instance, this.options.nodeId]);
  }

  /** The nodes whose registration has not lapsed, by node id. */
  async liveNodes(): Promise<ClusterNodeEntry[]> {
    const flat = (await LIVE_SCRIPT.run(this.redis, [this.nodesKey], [])) as string[];
    const nodes: ClusterNodeEntry[] = [];
    for (let i = 0; i < flat.length; i += 2) nodes.push({ nodeId: flat[i], expiresAt: Number(flat[i + 1]) });
    return nodes.sort((a, b) => (a.nodeId < b.nodeId ? -1 : a.nodeId > b.nodeId ? 1 : 0));
  }

  /** The configuration recorded for the run, or undefined before any node joined. */
  async recordedRunConfig(): Promise<Record<string, unknown> | undefined> {
    const json = await this.redis.hget(this.runConfigKey, 'config');
    return json === null ? undefined : (JSON.parse(json) as Record<string, unknown>);
  }
}
