import type { RoundRecord } from '@edgefl/coordinator-store';
import type { ConnectionSummary } from './connect-tally';
import type { SimulationOptions } from './simulation-options';

/** One completed round as the report shows it. */
export interface ReportedRound {
  round: number;
  accuracy: number | null;
  loss: number | null;
  participants: number;
  dropped: number;
  rejected: number;
  attempts: number;
  bytesUp: number;
  bytesDown: number;
  /** Encoded update bytes per parameter, averaged over the accepted updates (what quantization saves). */
  uplinkBytesPerParam: number | null;
  /** Uplink bytes of the round (all attempts, every message) per client whose update was aggregated: what over-selection and retries cost. */
  bytesUpPerAggregatedClient: number | null;
  /** DP runs: epsilon spent after this round (at `config.dp.delta`). */
  epsilon?: number;
}

/** Wall-clock time of a completed round (all its attempts): kept out of `rounds`, which the seed alone decides. */
export interface RoundTiming {
  round: number;
  durationMs: number;
}

/** A completed round with its wall-clock time, as the progress line shows it. */
export type RoundProgress = ReportedRound & RoundTiming;

/** `report.json`: what a researcher needs to plot and compare runs. */
export interface SimulationReport {
  config: SimulationOptions & { datasetUsed: 'fashion-mnist' | 'synthetic'; backends: string[] };
  modelParams: number;
  initial: { accuracy: number | null; loss: number | null };
  /** Completed rounds; with an embedded coordinator the same flags and seed give the same array, byte for byte. */
  rounds: ReportedRound[];
  /** Wall-clock time per completed round (varies run to run). */
  timings: RoundTiming[];
  /** Every attempt, abandoned ones included (with wall-clock fields). */
  attempts: RoundRecord[];
  summary: {
    roundsCompleted: number;
    finalAccuracy: number | null;
    totalBytesUp: number;
    totalBytesDown: number;
    /** Uplink bytes per parameter per participating client in completed rounds (every stage message counted). */
    bytesUpPerParameter?: number | null;
    wallTimeMs: number;
    /** DP runs: epsilon spent over the run. */
    epsilon?: number;
    /** How the clients' first connections went: connected, and failed per reason (EMFILE, timeout, refused: <code>...). */
    connections?: ConnectionSummary;
    /** DP runs with a budget: the run stopped because another round would have exceeded it. */
    budgetSpent?: boolean;
  };
}

/**
 * Folds the coordinator's attempt log into per-round rows; `payloadBytes` (accepted update bytes
 * per round) and `parameters` give the uplink cost per parameter when known.
 */
export function toReportedRounds(
  attempts: readonly RoundRecord[],
  payloadBytes?: ReadonlyMap<string, number>,
  parameters?: number,
): ReportedRound[] {
  const rows: ReportedRound[] = [];
  for (const record of attempts) {
    if (record.outcome !== 'completed') continue;
    const tries = attempts.filter((a) => a.round === record.round);
    rows.push({
      round: record.round,
      accuracy: record.accuracy ?? null,
      loss: record.loss ?? null,
      participants: record.participants,
      dropped: record.dropped,
      rejected: record.rejected,
      attempts: tries.length,
      bytesUp: tries.reduce((n, a) => n + a.bytesUp, 0),
      bytesDown: tries.reduce((n, a) => n + a.bytesDown, 0),
      uplinkBytesPerParam:
        payloadBytes?.has(record.roundId) && parameters && record.participants > 0
          ? (payloadBytes.get(record.roundId) ?? 0) / (record.participants * parameters)
          : null,
      bytesUpPerAggregatedClient:
        record.participants > 0 ? tries.reduce((n, a) => n + a.bytesUp, 0) / record.participants : null,
      ...(record.epsilon !== undefined && { epsilon: record.epsilon }),
    });
  }
  return rows;
}

/** Wall-clock time of each completed round, over all its attempts. */
export function toRoundTimings(attempts: readonly RoundRecord[]): RoundTiming[] {
  return attempts
    .filter((record) => record.outcome === 'completed')
    .map((record) => ({
      round: record.round,
      durationMs: attempts.filter((a) => a.round === record.round).reduce((n, a) => n + a.durationMs, 0),
    }));
}
