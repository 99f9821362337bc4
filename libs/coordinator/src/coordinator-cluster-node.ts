import {
  RedisChallengeNonceStore,
  RedisLeaderLease,
  RedisNodeMembership,
  RedisOpenRoundStore,
} from '@edgefl/coordinator-store/node';
import type { OpenRound } from '@edgefl/coordinator-store';
import type { Redis } from 'ioredis';
import type { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '@edgefl/protocol';
import type { ClientRegistry } from './client-registry';
import { ClusterClientChannel, clientRoom } from './cluster-client-channel';
import type { EventEmitter } from 'node:events';
import type { CoordinatorEvents } from './coordinator-events';
import { ClusterLeadership } from './cluster-leadership';
import { ClusterRoster } from './cluster-roster';
import type { CoordinatorLogger } from './coordinator-logger';
import { RedisSocketAdapter } from './redis-socket-adapter';

/** How a coordinator serves as one of several nodes of a run (`CoordinatorOptions.cluster`). */
export interface CoordinatorClusterOptions {
  /** A connection to the run's Redis (e.g. the `RedisRoundStore`'s): membership and socket.io's adapter use it; the caller closes it. */
  redis: Redis;
  /** The run's key prefix (default `edgefl:`, the store's default): one run per prefix. */
  prefix?: string;
  /** How long this node's registration lasts without a refresh (default 15000 ms; refreshed every third of it). */
  nodeTtlMs?: number;
  /** How long the leader lease lasts without a renewal (default 6000 ms; renewed every third of it). A killed leader is replaced within about this long. */
  leaseTtlMs?: number;
}

/**
 * What makes a coordinator one node among several on one Redis: socket.io's Redis adapter
 * (attached at construction, so broadcasts reach the clients of every node) and the node's
 * registration (taken in {@link join}: refused for a duplicate node id or a run configuration
 * different from the recorded one; refreshed until {@link leave}).
 *
 * @example
 * const node = new CoordinatorClusterNode(io, { redis }, { nodeId: 'node-a', runConfig, logger });
 * await node.join(); // before serving
 * await node.leave(); // after closing
 */
export class CoordinatorClusterNode {
  readonly membership: RedisNodeMembership;
  /** The leader lease this node contends for; the node's store is fenced with it. */
  readonly lease: RedisLeaderLease;
  readonly leadership: ClusterLeadership;
  readonly roster: ClusterRoster;
  /** The run's open attempt in Redis: the leader writes it (fenced by its lease), every node reads it. */
  readonly openRounds: RedisOpenRoundStore;
  /** Enrollment challenge nonces in Redis: single-use across the nodes, expired by Redis. */
  readonly challengeNonces: RedisChallengeNonceStore;
  /** The open round as this node last read it (on each refresh): what a follower's status shows. */
  openRound?: OpenRound;
  /** How long this node's registration lasts without a refresh. */
  readonly ttlMs: number;
  private refresher?: ReturnType<typeof setInterval>;
  private readonly adapter: RedisSocketAdapter;

  constructor(
    io: Pick<Server, 'adapter'>,
    options: CoordinatorClusterOptions,
    private readonly node: { nodeId: string; runConfig: Record<string, unknown>; logger: CoordinatorLogger },
  ) {
    this.ttlMs = options.nodeTtlMs ?? 15_000;
    this.membership = new RedisNodeMembership(options.redis, {
      nodeId: node.nodeId,
      ttlMs: this.ttlMs,
      prefix: options.prefix,
    });
    this.adapter = new RedisSocketAdapter(options.redis, { prefix: options.prefix });
    io.adapter(this.adapter.factory);
    const leaseTtlMs = options.leaseTtlMs ?? 6_000;
    this.lease = new RedisLeaderLease(options.redis, {
      nodeId: node.nodeId,
      ttlMs: leaseTtlMs,
      prefix: options.prefix,
    });
    this.leadership = new ClusterLeadership(this.lease, leaseTtlMs, node.nodeId, node.logger);
    this.roster = new ClusterRoster(options.redis, options.prefix ?? 'edgefl:');
    this.challengeNonces = new RedisChallengeNonceStore(options.redis, { prefix: options.prefix });
    this.openRounds = new RedisOpenRoundStore(options.redis, { prefix: options.prefix, fence: this.lease });
  }

  /** The client channel the runner uses on this node: every live node's clients, reached through the adapter. */
  createChannel(
    io: Server<ClientToServerEvents, ServerToClientEvents>,
    registry: ClientRegistry,
  ): ClusterClientChannel {
    return new ClusterClientChannel({
      io,
      registry,
      roster: this.roster,
      liveNodes: async () => (await this.membership.liveNodes()).map((entry) => entry.nodeId),
      nodeId: this.node.nodeId,
      leader: this.leadership,
      logger: this.node.logger,
    });
  }

  /**
   * Keeps this node's clients in the run's roster and in their rooms: on enrollment the socket
   * joins its client room and the roster gets the entry; on disconnection the entry goes.
   */
  trackClients(
    events: Pick<EventEmitter<CoordinatorEvents>, 'on'>,
    registry: ClientRegistry,
    channel: ClusterClientChannel,
  ): void {
    const { nodeId, logger } = this.node;
    const failed = (error: Error): void =>
      logger.warn({ nodeId, error: error.message }, 'cluster roster: write failed');
    events.on('client-connected', ({ clientId }) => {
      const session = registry.get(clientId);
      if (!session) return;
      void session.socket.join(clientRoom(clientId));
      this.roster.add(nodeId, session, session.connectedAt).catch(failed);
      channel.changed();
    });
    events.on('client-disconnected', ({ clientId }) => {
      // A newer session of the same id on this node keeps its entry.
      if (!registry.get(clientId)) this.roster.remove(nodeId, clientId).catch(failed);
      channel.changed();
    });
  }

  /**
   * Resolves true once the run's live nodes hold `count` enrolled clients together (the roster in
   * Redis, polled every `pollMs`), false once `signal` aborts. Every node waits for the same
   * cluster-wide count: a node's own registry holds only its share of the fleet.
   */
  async waitForClients(count: number, signal: AbortSignal, pollMs = 250): Promise<boolean> {
    while (!signal.aborted) {
      const live = (await this.membership.liveNodes()).map((entry) => entry.nodeId);
      if ((await this.roster.count(live)) >= count) return true;
      await new Promise<void>((done) => {
        const timer = setTimeout(finish, pollMs);
        signal.addEventListener('abort', finish, { once: true });
        function finish(): void {
          clearTimeout(timer);
          signal.removeEventListener('abort', finish);
          done();
        }
      });
    }
    return false;
  }

  /** Registers the node; throws `DuplicateNodeIdError` or `RunConfigMismatchError` (naming what differs). */
  async join(): Promise<void> {
    await this.membership.join(this.node.runConfig);
    // Entries an earlier process with this id left behind (killed before it could clear them).
    await this.roster.clear(this.node.nodeId);
    this.refresher = setInterval(() => void this.refresh(), Math.max(1, Math.floor(this.ttlMs / 3)));
    this.refresher.unref();
    this.node.logger.info({ nodeId: this.node.nodeId }, 'joined the run as a coordinator node');
  }

  /** Stops refreshing, frees the node id at once and ends the adapter's connections (after `io.close()`). */
  async leave(): Promise<void> {
    await this.adapter.close();
    if (this.refresher === undefined) return;
    clearInterval(this.refresher);
    this.refresher = undefined;
    await this.leadership.release();
    await this.roster.clear(this.node.nodeId).catch(() => undefined);
    await this.membership
      .leave()
      .catch((error: Error) =>
        this.node.logger.warn({ nodeId: this.node.nodeId, error: error.message }, 'could not leave the run in Redis'),
      );
  }

  private async refresh(): Promise<void> {
    this.openRound = await this.openRounds.openRound().catch(() => this.openRound);
    try {
      const outcome = await this.membership.refresh();
      if (outcome === 'rejoined')
        this.node.logger.warn({ nodeId: this.node.nodeId }, 'node registration had lapsed in Redis: registered again');
      if (outcome === 'taken')
        this.node.logger.error(
          { nodeId: this.node.nodeId },
          'node registration lapsed and another process took this node id: two nodes now share it',
        );
    } catch (error) {
      this.node.logger.warn({ nodeId: this.node.nodeId, error: (error as Error).message }, 'node refresh failed');
    }
  }
}
