import type { OpenRoundStore, RoundStore } from '@edgefl/coordinator-store';
import { StaleFencingTokenError } from '@edgefl/coordinator-store/node';
import { abandonFailedOverRound } from './abandon-failed-over-round';
import type { ClusterClientChannel } from './cluster-client-channel';
import type { ClusterLeadership } from './cluster-leadership';
import type { RunSummary } from './coordinator-events';
import type { RoundContext } from './round-context';
import type { RoundRunner } from './round-runner';

/** What {@link runAsClusterNode} drives. */
export interface ClusterRunParts {
  leadership: ClusterLeadership;
  channel: ClusterClientChannel;
  /** The runner's context: its `signal` is set to stop the runner when the lease is lost. */
  context: RoundContext;
  runner: RoundRunner;
  store: RoundStore;
  /** The run's open attempt: what a dead leader left open is recorded as abandoned before the rounds resume. */
  openRounds?: OpenRoundStore;
  /** This node's id, and how long a node's registration outlives it. */
  nodeId: string;
  nodeTtlMs: number;
  /** The coordinator is closing. */
  signal: AbortSignal;
}

/**
 * The run of one coordinator node on Redis: it contends for the leader lease; while it leads it
 * runs the round loop (resuming from the last committed version: the round a killed leader had
 * open is abandoned, never committed, and run again), with its writes fenced by the lease; when it
 * loses the lease it stops and contends again. When the run is over the leader releases the lease,
 * so each follower takes it in turn, finds the run complete in the store and ends too.
 *
 * @example
 * const summary = await runAsClusterNode({ leadership, channel, context, runner, store, signal });
 */
export async function runAsClusterNode(parts: ClusterRunParts): Promise<RunSummary> {
  const { leadership, channel, context, runner, store, signal } = parts;
  const closing = context.signal;
  for (;;) {
    const { acquired, lost } = await leadership.acquire(signal);
    if (!acquired) return stoppedSummary(context, store);
    context.signal = AbortSignal.any([closing, lost]);
    const previous = leadership.previousHolder;
    // Its registration outlives it by up to its TTL: its clients are not selected meanwhile.
    if (previous !== undefined && previous !== parts.nodeId) channel.exclude(previous, parts.nodeTtlMs);
    channel.start();
    await channel.refresh();
    try {
      if (parts.openRounds) await abandonFailedOverRound(parts.openRounds, store, context.logger);
      // The runner resumes after every attempt the log holds, this one just abandoned included.
      const summary = await runner.run();
      if (!lost.aborted || signal.aborted) return summary;
      context.logger.warn({ reason: summary.reason }, 'lost the leader lease mid-run: contending again');
    } catch (error) {
      if (!(error instanceof StaleFencingTokenError)) throw error;
      context.logger.error({ error: error.message }, 'a commit was refused: another node leads now');
    } finally {
      channel.stop();
      context.signal = closing;
      await leadership.release();
    }
    // A follower again: what the old runs told reconnecting clients no longer holds.
    runner.runEnd = undefined;
  }
}

async function stoppedSummary(context: RoundContext, store: RoundStore): Promise<RunSummary> {
  const latest = await store.latestCheckpoint();
  const version = latest?.version ?? 0;
  return {
    runId: context.config.runId,
    reason: 'stopped',
    modelVersion: version,
    roundsCompleted: version,
    weights: latest?.weights ?? new Float32Array(0),
  };
}
