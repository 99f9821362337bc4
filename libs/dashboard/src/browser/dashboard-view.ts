import type { CoordinatorStatus } from '@edgefl/coordinator';
import type { RoundRecord } from '@edgefl/coordinator-store';
import type {
  DashboardCurrentRound,
  DashboardEvaluation,
  DashboardRunEnd,
  DashboardSnapshot,
} from '../dashboard-events';
import { formatBytes } from './format-bytes';

/** Where the page's feed connection stands. */
export type ConnectionState = 'connecting' | 'live' | 'disconnected' | 'reconnecting' | 'unauthorized';

/** What the dashboard page draws (`window.__edgefl`, so tests and operators can read it). */
export interface DashboardState {
  status: CoordinatorStatus | null;
  current: DashboardCurrentRound | null;
  rounds: RoundRecord[];
  evaluations: DashboardEvaluation[];
  rejectedTotal: number;
  clientsConnected: number;
  runEnd: DashboardRunEnd | null;
  connection: ConnectionState;
}

/** The state before the feed said anything. */
export function initialDashboardState(): DashboardState {
  return {
    status: null,
    current: null,
    rounds: [],
    evaluations: [],
    rejectedTotal: 0,
    clientsConnected: 0,
    runEnd: null,
    connection: 'connecting',
  };
}

/** The state after a `snapshot`: everything from it, the connection as it was. */
export function applySnapshot(state: DashboardState, snapshot: DashboardSnapshot): DashboardState {
  const { status, current, rounds, evaluations, rejectedTotal, clientsConnected, runEnd } = snapshot;
  return { ...state, status, current, rounds, evaluations, rejectedTotal, clientsConnected, runEnd };
}

const DASH = '–';

/** `round` or `round·attempt` for retried rounds. */
export function roundLabel(record: Pick<RoundRecord, 'round' | 'attempt'>): string {
  return record.attempt > 1 ? `${record.round}·${record.attempt}` : String(record.round);
}

/** A fraction as a percentage with two decimals, or a dash. */
export function percent(fraction: number | null | undefined): string {
  return fraction === undefined || fraction === null ? DASH : `${(100 * fraction).toFixed(2)}%`;
}

/** The text of the cards at the top of the page, by element id. */
export interface DashboardCards {
  round: number;
  roundText: string;
  roundDetail: string;
  phase: string;
  clients: string;
  modelVersion: string;
  accuracy: string;
  accuracyDetail: string;
  dropped: string;
  rejected: string;
  epsilon: string;
  runId: string;
  connection: ConnectionState;
}

/** What the cards show for `state`. */
export function dashboardCards(state: DashboardState): DashboardCards {
  const { status, current } = state;
  const completed = state.rounds.filter((record) => record.outcome === 'completed').length;
  const round = current ? current.round : status && status.round !== null ? status.round : completed;
  const last = state.evaluations[state.evaluations.length - 1];
  return {
    round,
    roundText: `${round} / ${status ? status.rounds : 0}`,
    roundDetail: current ? `attempt ${current.attempt}, cohort ${current.cohort}` : `${completed} completed`,
    phase: state.runEnd ? `run ${state.runEnd.reason}` : status ? status.stage : DASH,
    clients: String(state.clientsConnected),
    modelVersion: status ? String(status.modelVersion) : DASH,
    accuracy: last ? percent(last.accuracy) : DASH,
    accuracyDetail: last ? `loss ${last.loss.toFixed(4)} at v${last.modelVersion}` : 'no evaluation yet',
    dropped: String(state.rounds.reduce((sum, record) => sum + record.dropped, 0)),
    rejected: String(state.rejectedTotal),
    epsilon: status && typeof status.epsilon === 'number' ? status.epsilon.toFixed(3) : 'no DP',
    runId: status ? status.runId : '',
    connection: state.connection,
  };
}

/** The series of the four charts. */
export interface DashboardSeries {
  modelVersions: number[];
  accuracyPercent: number[];
  loss: number[];
  roundLabels: string[];
  kibUp: number[];
  kibDown: number[];
  participants: number[];
  dropped: number[];
  rejected: number[];
}

/** The chart series for `state`: per evaluation, and per round attempt. */
export function dashboardSeries(state: DashboardState): DashboardSeries {
  const { evaluations, rounds } = state;
  return {
    modelVersions: evaluations.map((evaluation) => evaluation.modelVersion),
    accuracyPercent: evaluations.map((evaluation) => 100 * evaluation.accuracy),
    loss: evaluations.map((evaluation) => evaluation.loss),
    roundLabels: rounds.map(roundLabel),
    kibUp: rounds.map((record) => record.bytesUp / 1024),
    kibDown: rounds.map((record) => record.bytesDown / 1024),
    participants: rounds.map((record) => record.participants),
    dropped: rounds.map((record) => record.dropped),
    rejected: rounds.map((record) => record.rejected),
  };
}

/** A line of the rounds table: its outcome (the row's class) and its cells. */
export interface DashboardTableRow {
  outcome: RoundRecord['outcome'];
  cells: string[];
}

/** The rounds table: the last `limit` attempts, newest first. */
export function dashboardTableRows(state: DashboardState, limit = 12): DashboardTableRow[] {
  return state.rounds
    .slice(-limit)
    .reverse()
    .map((record) => ({
      outcome: record.outcome,
      cells: [
        roundLabel(record),
        record.outcome + (record.reason ? ` (${record.reason})` : ''),
        `${record.participants}/${record.selected}`,
        String(record.dropped),
        String(record.rejected),
        formatBytes(record.bytesUp),
        formatBytes(record.bytesDown),
        `${(record.durationMs / 1000).toFixed(1)} s`,
        percent(record.accuracy),
      ],
    }));
}
