import type { CoordinatorStatus } from '@edgefl/coordinator';
import type { RoundRecord } from '@edgefl/coordinator-store';

/** One evaluation of the global model on the held-out set (version 0 is the initial model). */
export interface DashboardEvaluation {
  modelVersion: number;
  accuracy: number;
  loss: number;
}

/** The round being run right now, as announced by `round-start`. */
export interface DashboardCurrentRound {
  round: number;
  attempt: number;
  roundId: string;
  cohort: number;
}

/** How the run ended; the final weights stay on the server. */
export interface DashboardRunEnd {
  reason: 'completed' | 'stopped';
  modelVersion: number;
  roundsCompleted: number;
}

/** Everything a viewer needs to draw the page from scratch; sent once on connect. */
export interface DashboardSnapshot {
  status: CoordinatorStatus;
  current: DashboardCurrentRound | null;
  /** Attempts seen so far, oldest first, abandoned ones included. */
  rounds: RoundRecord[];
  evaluations: DashboardEvaluation[];
  clientsConnected: number;
  rejectedTotal: number;
  runEnd: DashboardRunEnd | null;
}

/**
 * What the `/dashboard` namespace emits. Viewers never send anything: the namespace registers no
 * listeners, so the feed is read-only by construction.
 */
export interface DashboardServerEvents {
  snapshot: (snapshot: DashboardSnapshot) => void;
  status: (status: CoordinatorStatus) => void;
  'round-start': (round: DashboardCurrentRound) => void;
  'round-end': (record: RoundRecord) => void;
  evaluation: (evaluation: DashboardEvaluation) => void;
  clients: (info: { connected: number }) => void;
  rejected: (info: { code: string; total: number }) => void;
  'run-end': (info: DashboardRunEnd) => void;
}

/** Viewers send nothing. */
export type DashboardClientEvents = Record<string, never>;
