import type { CoordinatorStatus } from '@edgefl/coordinator';
import type { RoundRecord } from '@edgefl/coordinator-store';
import type {
  DashboardCurrentRound,
  DashboardEvaluation,
  DashboardRunEnd,
  DashboardSnapshot,
} from './dashboard-events';

/**
 * What the dashboard remembers of a run so a viewer who connects late still sees the whole
 * history. Bounded: past `limit` entries the oldest rounds and evaluations are forgotten.
 *
 * @example
 * const history = new DashboardHistory(1_000);
 * history.roundEnded(record);
 * history.snapshot(coordinator.status()).rounds.length; // 1
 */
export class DashboardHistory {
  private readonly rounds: RoundRecord[] = [];
  private readonly evaluations: DashboardEvaluation[] = [];
  private current: DashboardCurrentRound | null = null;
  private runEnd: DashboardRunEnd | null = null;
  private rejectedTotal = 0;

  constructor(private readonly limit = 10_000) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
  }

  roundStarted(round: DashboardCurrentRound): void {
    this.current = { ...round };
    this.runEnd = null;
  }

  roundEnded(record: RoundRecord): void {
    if (this.current?.roundId === record.roundId) this.current = null;
    pushBounded(this.rounds, { ...record }, this.limit);
  }

  evaluated(evaluation: DashboardEvaluation): void {
    pushBounded(
      this.evaluations,
      { modelVersion: evaluation.modelVersion, accuracy: evaluation.accuracy, loss: evaluation.loss },
      this.limit,
    );
  }

  /** Counts one rejected message; returns the running total. */
  rejected(): number {
    return ++this.rejectedTotal;
  }

  runEnded(info: DashboardRunEnd): void {
    this.current = null;
    this.runEnd = { ...info };
  }

  snapshot(status: CoordinatorStatus): DashboardSnapshot {
    return {
      status,
      current: this.current,
      rounds: [...this.rounds],
      evaluations: [...this.evaluations],
      clientsConnected: status.clientsConnected,
      rejectedTotal: this.rejectedTotal,
      runEnd: this.runEnd,
    };
  }
}

function pushBounded<T>(list: T[], item: T, limit: number): void {
  list.push(item);
  if (list.length > limit) list.splice(0, list.length - limit);
}
