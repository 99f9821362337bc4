import type { OpenRound, RoundRecord } from '@edgefl/coordinator-store';
import type { RoundStage } from '@edgefl/protocol';
import type { ModelEvaluation } from './model-evaluation';

/** What a {@link Coordinator} reports to whoever embeds it (CLI, simulator, dashboard). */
export interface CoordinatorEvents {
  listening: [info: { port: number; url: string }];
  'client-connected': [info: { clientId: string; backend?: string; connected: number }];
  'client-disconnected': [info: { clientId: string; connected: number }];
  'round-start': [info: { round: number; attempt: number; roundId: string; cohort: number }];
  'round-end': [record: RoundRecord];
  /**
   * A plain update or a secure masked input was accepted. `goal` is the goal count
   * (`clientsPerRound`) on both paths; `payloadBytes` the size of the update's payload or of the
   * packed masked vector.
   */
  'update-accepted': [
    info: { round: number; roundId: string; clientId: string; reported: number; goal: number; payloadBytes: number },
  ];
  evaluation: [info: { modelVersion: number } & ModelEvaluation];
  rejected: [info: { clientId?: string; code: string; message: string }];
  'run-end': [summary: RunSummary];
  /** Deployment artifacts of a model version were written to `dir` (see `Coordinator.exportModel`). */
  'model-exported': [info: { modelVersion: number; dir: string }];
}

/** The result of {@link Coordinator.run}. */
export interface RunSummary {
  runId: string;
  reason: 'completed' | 'stopped';
  modelVersion: number;
  roundsCompleted: number;
  weights: Float32Array;
  /** DP runs: epsilon spent at `config.dp.delta`, and whether the run stopped because the budget was spent. */
  epsilon?: number;
  budgetSpent?: boolean;
}

/** What {@link Coordinator.status} reports. */
export interface CoordinatorStatus {
  runId: string;
  /** The coordinator node answering (several may serve one run on Redis). */
  nodeId?: string;
  round: number | null;
  attempt: number | null;
  stage: RoundStage;
  modelVersion: number;
  clientsConnected: number;
  rounds: number;
  /**
   * Nodes on Redis that run no round themselves (followers): the run's open attempt as the leader
   * recorded it in Redis (read on each node refresh), or null when none is open.
   */
  openRound?: OpenRound | null;
  /** DP runs: epsilon spent so far at `config.dp.delta`. */
  epsilon?: number;
}
