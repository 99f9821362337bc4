import type { RedisLeaderLease } from '@edgefl/coordinator-store/node';
import type { CoordinatorLogger } from './coordinator-logger';
import { abortableDelay } from './abortable-delay';

/** Whether this node leads the run now; the cluster's channel and inbox ask it on every call. */
export interface LeaderView {
  readonly leading: boolean;
}

/**
 * One node's part in the leader election of a run on Redis: it contends for the
 * {@link RedisLeaderLease} (every third of the TTL), and once it holds it, renews it at that pace
 * until it releases it or a renewal fails (then it lost the lease: the store's fencing refuses its
 * writes from then on, and `lost` aborts what it was running as leader). A renewal that gets no
 * answer (Redis down) is not a loss by itself, but a node that has not renewed for a whole TTL
 * counts the lease as lost: it may have expired in Redis and been taken by another node.
 *
 * @example
 * const leadership = new ClusterLeadership(lease, 6_000, 'node-a', logger);
 * const lost = await leadership.acquire(signal); // resolves once this node leads
 * try { await runRounds(lost); } finally { await leadership.release(); }
 */
export class ClusterLeadership implements LeaderView {
  private renewer?: ReturnType<typeof setInterval>;
  /** The `lost` controller of the term this node leads now; undefined while it does not lead. */
  private term?: AbortController;
  /** When the lease was last taken or renewed (ms since the epoch): the lease runs until a TTL after it, at most. */
  private renewedAt = 0;
  /** The node that held the lease when this one last found it taken (a killed leader, after a takeover). */
  previousHolder?: string;

  constructor(
    private readonly lease: RedisLeaderLease,
    private readonly ttlMs: number,
    private readonly nodeId: string,
    private readonly logger: CoordinatorLogger,
  ) {}

  get leading(): boolean {
    return this.lease.currentToken() !== undefined;
  }

  /** Contends until this node holds the lease (true) or `signal` aborts (false); while it leads, `lost` aborts when it loses the lease. */
  async acquire(signal: AbortSignal): Promise<{ acquired: boolean; lost: AbortSignal }> {
    const period = Math.max(1, Math.floor(this.ttlMs / 3));
    while (!signal.aborted) {
      const token = await this.lease.tryAcquire().catch((error: Error) => {
        this.logger.warn({ nodeId: this.nodeId, error: error.message }, 'leader lease: could not contend');
        return undefined;
      });
      if (token !== undefined) {
        this.logger.info(
          { nodeId: this.nodeId, fencingToken: token },
          'took the leader lease: this node runs the rounds',
        );
        const lost = new AbortController();
        this.renewedAt = Date.now();
        this.term = lost;
        this.renewer = setInterval(() => void this.renew(lost), period);
        this.renewer.unref();
        return { acquired: true, lost: lost.signal };
      }
      const holder = await this.lease.holder().catch(() => undefined);
      if (holder !== undefined) this.previousHolder = holder.slice(0, holder.lastIndexOf(':'));
      await abortableDelay(period, signal);
    }
    return { acquired: false, lost: AbortSignal.abort() };
  }

  /** Gives the lease up (when this node still holds it) so another node takes it at once. */
  async release(): Promise<void> {
    this.stopRenewing();
    await this.lease
      .release()
      .catch((error: Error) =>
        this.logger.warn({ nodeId: this.nodeId, error: error.message }, 'leader lease: could not release'),
      );
  }

  private async renew(lost: AbortController): Promise<void> {
    // Renewals unanswered (Redis down, commands queued) for a whole TTL: the lease may be gone.
    if (Date.now() - this.renewedAt >= this.ttlMs) {
      this.loseLease(lost, 'no renewal answered within the lease TTL');
      return;
    }
    const sentAt = Date.now();
    const outcome = await this.lease.renew().then(
      (renewed) => (renewed ? 'renewed' : 'refused'),
      (error: Error) => {
        this.logger.warn({ nodeId: this.nodeId, error: error.message }, 'leader lease: renewal failed');
        // An unanswered renewal is not a loss yet: the next one may land within the TTL.
        return 'unanswered';
      },
    );
    // A renewal that returns after the term ended (released, lost) says nothing about the next one.
    if (this.term !== lost) return;
    // The lease now runs a TTL from when the renewal was sent, at the earliest.
    if (outcome === 'renewed') this.renewedAt = Math.max(this.renewedAt, sentAt);
    if (outcome === 'refused') this.loseLease(lost, 'another node holds the lease');
  }

  private loseLease(lost: AbortController, why: string): void {
    if (this.term !== lost) return;
    this.logger.error({ nodeId: this.nodeId, why }, 'lost the leader lease: another node runs the rounds now');
    this.stopRenewing();
    // Forget the token: `leading` is false from now on and writes fenced with it are refused.
    this.lease.forget();
    lost.abort();
  }

  private stopRenewing(): void {
    if (this.renewer !== undefined) clearInterval(this.renewer);
    this.renewer = undefined;
    this.term = undefined;
  }
}
