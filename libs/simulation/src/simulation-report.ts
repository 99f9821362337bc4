import type { RoundRecord } from '@edgefl/coordinator-store';
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
  durationMs: number;
  /** DP runs: epsilon spent after this round (at `config.dp.delta`). */
  epsilon?: number;
}

/** `report.json`: what a researcher needs to plot and compare runs. */
export interface SimulationReport {
  config: SimulationOptions & { datasetUsed: 'fashion-mnist' | 'synthetic'; backends: string[] };
  modelParams: number;
  initial: { accuracy: number | null; loss: number | null };
  rounds: ReportedRound[];
  /** Every attempt, abandoned ones included. */
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
  };
}

/**
 * Folds the coordinator's attempt log into per-round rows; `payloadBytes` (accepted update bytes
 * per round) and `parameters` give the uplink cost per parameter when known.
 */
export function toReportedRounds(attempts: readonly RoundRecord[], payloadBytes?: ReadonlyMap<string, number>, parameters?: number): ReportedRound[] {
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
      durationMs: tries.reduce((n, a) => n + a.durationMs, 0),
      ...(record.epsilon !== undefined && { epsilon: record.epsilon }),
    });
  }
  return rows;
}
