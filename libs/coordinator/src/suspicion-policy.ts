import type { AttemptVerdict } from './attempt-blame';
import { resolveSuspicionConfig, type SuspicionConfig } from './suspicion-config';

/**
 * A suspicion score per client id, and the quarantine it leads to. Scores:
 * - evidence checked by the coordinator: + quarantineScore (quarantined at once);
 * - a complaint: a dispute, +1 to the accused and +1 to the complainer, once per pair and
 *   attempt, and only for the first `maxAccusedPerClient` distinct peers a complainer ever
 *   accuses. A peer that sent garbage to its k neighbours gets +k, each honest complainer +1
 *   (cleared again by its next completed round); a lying complainer can quarantine at most
 *   `maxAccusedPerClient` honest peers over the run, and each only by quarantining itself too;
 * - an abandoned attempt nobody could be blamed for: +1 to each suspect (the members that could
 *   have caused it: those in the failed sum, or those that went silent);
 * - a completed round: its participants go back to 0.
 * Cohorts are drawn from the lowest scores first, so a retry after a failure goes to a fresh
 * cohort when there are enough other clients.
 *
 * @example
 * const policy = new SuspicionPolicy();
 * policy.recordAttempt({ round: 1, completed: false, blame, suspects: ['a', 'b'], cleared: [] });
 * policy.isQuarantined('a'); // false: score 1 of 3
 */
export class SuspicionPolicy {
  readonly config: SuspicionConfig;
  private readonly scores = new Map<string, number>();
  /** Client id -> the round after whose completion it is released. */
  private readonly quarantine = new Map<string, number>();
  private readonly accused = new Map<string, Set<string>>();

  constructor(config: Partial<SuspicionConfig> = {}) {
    this.config = resolveSuspicionConfig(config);
  }

  /** The client's current score (0 for strangers). */
  scoreOf(clientId: string): number {
    return this.scores.get(clientId) ?? 0;
  }

  isQuarantined(clientId: string): boolean {
    return this.quarantine.has(clientId);
  }

  /** The ids currently quarantined, sorted. */
  quarantined(): string[] {
    return [...this.quarantine.keys()].sort();
  }

  /** Applies one attempt's outcome; returns the clients it newly quarantined. */
  recordAttempt(verdict: AttemptVerdict): string[] {
    const { quarantineScore } = this.config;
    const before = new Set(this.quarantine.keys());
    for (const clientId of verdict.blame.evidence.keys()) this.add(clientId, quarantineScore);
    const counted = new Set<string>();
    for (const { from, against } of verdict.blame.complaints) {
      if (from === against || counted.has(`${from}\u0000${against}`) || verdict.blame.evidence.has(from)) continue;
      const accusedByFrom = this.accused.get(from) ?? new Set<string>();
      if (!accusedByFrom.has(against) && accusedByFrom.size >= this.config.maxAccusedPerClient) continue;
      accusedByFrom.add(against);
      this.accused.set(from, accusedByFrom);
      counted.add(`${from}\u0000${against}`);
      // A dispute costs both sides: a lying complainer cannot push a peer ahead of itself.
      this.add(against, 1);
      this.add(from, 1);
    }
    if (!verdict.completed && verdict.blame.evidence.size === 0 && counted.size === 0) {
      for (const clientId of new Set(verdict.suspects)) this.add(clientId, 1);
    }
    if (verdict.completed) {
      for (const clientId of verdict.cleared) if (!verdict.blame.evidence.has(clientId)) this.scores.delete(clientId);
      for (const [clientId, until] of this.quarantine) {
        if (verdict.round >= until) {
          this.quarantine.delete(clientId);
          this.scores.set(clientId, quarantineScore - 1);
        }
      }
    }
    for (const [clientId, score] of this.scores) {
      if (score >= quarantineScore && !this.quarantine.has(clientId))
        this.quarantine.set(clientId, verdict.round + this.config.quarantineRounds - 1);
    }
    return [...this.quarantine.keys()].filter((clientId) => !before.has(clientId)).sort();
  }

  private add(clientId: string, amount: number): void {
    this.scores.set(clientId, this.scoreOf(clientId) + amount);
  }
}
