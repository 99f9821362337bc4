import type { Redis } from 'ioredis';
import type { ConnectedClient } from './client-channel';

/** A client enrolled on some node of the run, as the roster in Redis lists it. */
export interface RosterEntry {
  readonly nodeId: string;
  readonly client: ConnectedClient;
  /** When it registered on that node (ms since the epoch): of two entries for one id, the newer wins. */
  readonly connectedAt: number;
}

interface StoredEntry {
  agent?: ConnectedClient['agent'];
  identityKey?: string;
  deltaDownlink?: boolean;
  connectedAt: number;
}

/**
 * The run's roster of enrolled clients in Redis, one hash per node (`<prefix>roster:<node>`, field
 * client id, value a small JSON: agent, identity key, delta downlink, connection time) and a change
 * counter beside it (`<prefix>roster:<node>:v`). Each node writes only its own entries; the leader
 * reads the live nodes' hashes, fetching a node's hash again only when its counter moved. Per-client
 * registry traffic is one small write per connection and one per disconnection.
 *
 * @example
 * const roster = new ClusterRoster(redis, 'edgefl:');
 * await roster.add('node-a', session);
 * const entries = await roster.read(['node-a', 'node-b']);
 */
export class ClusterRoster {
  private readonly cache = new Map<string, { version: string; entries: RosterEntry[] }>();

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  /** Records that `client` enrolled on `nodeId`. */
  async add(nodeId: string, client: ConnectedClient, connectedAt: number): Promise<void> {
    const stored: StoredEntry = {
      agent: client.agent,
      identityKey: client.identityKey && Buffer.from(client.identityKey).toString('base64'),
      deltaDownlink: client.deltaDownlink,
      connectedAt,
    };
    await this.redis
      .multi()
      .hset(this.hashKey(nodeId), client.clientId, JSON.stringify(stored))
      .incr(this.versionKey(nodeId))
      .exec();
  }

  /** Records that `clientId` left `nodeId`. */
  async remove(nodeId: string, clientId: string): Promise<void> {
    await this.redis.multi().hdel(this.hashKey(nodeId), clientId).incr(this.versionKey(nodeId)).exec();
  }

  /** Drops a node's entries (at start-up, from an earlier process with its id, and when it leaves). */
  async clear(nodeId: string): Promise<void> {
    await this.redis.multi().del(this.hashKey(nodeId)).incr(this.versionKey(nodeId)).exec();
  }

  /** The entries of the given (live) nodes; a node's hash is fetched again only when its counter moved. */
  async read(nodeIds: readonly string[]): Promise<RosterEntry[]> {
    if (nodeIds.length === 0) return [];
    const versions = await this.redis.mget(nodeIds.map((id) => this.versionKey(id)));
    const entries: RosterEntry[] = [];
    for (const [index, nodeId] of nodeIds.entries()) {
      const version = versions[index] ?? '0';
      let cached = this.cache.get(nodeId);
      if (cached?.version !== version) {
        const hash = await this.redis.hgetall(this.hashKey(nodeId));
        cached = { version, entries: Object.entries(hash).map(([clientId, json]) => toEntry(nodeId, clientId, json)) };
        this.cache.set(nodeId, cached);
      }
      entries.push(...cached.entries);
    }
    for (const nodeId of this.cache.keys()) if (!nodeIds.includes(nodeId)) this.cache.delete(nodeId);
    return entries;
  }

  /** How many clients the given (live) nodes hold, without reading their entries. */
  async count(nodeIds: readonly string[]): Promise<number> {
    if (nodeIds.length === 0) return 0;
    const pipeline = this.redis.pipeline();
    for (const nodeId of nodeIds) pipeline.hlen(this.hashKey(nodeId));
    const replies = (await pipeline.exec()) ?? [];
    let total = 0;
    for (const [error, length] of replies) {
      if (error) throw error;
      total += Number(length);
    }
    return total;
  }

  private hashKey(nodeId: string): string {
    return `${this.prefix}roster:${nodeId}`;
  }

  private versionKey(nodeId: string): string {
    return `${this.prefix}roster:${nodeId}:v`;
  }
}

function toEntry(nodeId: string, clientId: string, json: string): RosterEntry {
  const stored = JSON.parse(json) as StoredEntry;
  const client: ConnectedClient = {
    clientId,
    agent: stored.agent,
    identityKey:
      stored.identityKey === undefined ? undefined : new Uint8Array(Buffer.from(stored.identityKey, 'base64')),
    deltaDownlink: stored.deltaDownlink,
  };
  return { nodeId, client, connectedAt: stored.connectedAt };
}
