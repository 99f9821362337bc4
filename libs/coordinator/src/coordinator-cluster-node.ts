import { RedisNodeMembership } from '@edgefl/coordinator-store/node';
import type { Redis } from 'ioredis';
import type { Server } from 'socket.io';
import type { CoordinatorLogger } from './coordinator-logger';
import { createRedisSocketAdapter } from './redis-socket-adapter';

/** How a coordinator serves as one of several nodes of a run (`CoordinatorOptions.cluster`). */
export interface CoordinatorClusterOptions {
  /** A connection to the run's Redis (e.g. the `RedisRoundStore`'s): membership and socket.io's adapter use it; the caller closes it. */
  redis: Redis;
  /** The run's key prefix (default `edgefl:`, the store's default): one run per prefix. */
  prefix?: string;
  /** How long this node's registration lasts without a refresh (default 15000 ms; refreshed every third of it). */
  nodeTtlMs?: number;
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
  private readonly ttlMs: number;
  private refresher?: ReturnType<typeof setInterval>;

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
    io.adapter(createRedisSocketAdapter(options.redis, { prefix: options.prefix }));
  }

  /** Registers the node; throws `DuplicateNodeIdError` or `RunConfigMismatchError` (naming what differs). */
  async join(): Promise<void> {
    await this.membership.join(this.node.runConfig);
    this.refresher = setInterval(() => void this.refresh(), Math.max(1, Math.floor(this.ttlMs / 3)));
    this.refresher.unref();
    this.node.logger.info({ nodeId: this.node.nodeId }, 'joined the run as a coordinator node');
  }

  /** Stops refreshing and frees the node id at once. */
  async leave(): Promise<void> {
    if (this.refresher === undefined) return;
    clearInterval(this.refresher);
    this.refresher = undefined;
    await this.membership
      .leave()
      .catch((error: Error) =>
        this.node.logger.warn({ nodeId: this.node.nodeId, error: error.message }, 'could not leave the run in Redis'),
      );
  }

  private async refresh(): Promise<void> {
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
