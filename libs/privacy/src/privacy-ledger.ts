import { PrivacyAccountant } from './privacy-accountant';
import type { DpConfig } from './dp-config';

/**
 * The run's privacy budget: admits a round only when spending it keeps epsilon within
 * `dp.epsilon`, and records the epsilon spent after each completed round. Abandoned rounds release
 * nothing and spend nothing.
 *
 * @example
 * const ledger = new PrivacyLedger(dp);
 * if (ledger.admits(q)) { ...run the round...; ledger.spend(q); }
 */
export class PrivacyLedger {
  private readonly accountant = new PrivacyAccountant();
  private exhausted = false;

  constructor(readonly dp: DpConfig) {}

  /** Whether a round at sampling rate q still fits the budget; once false, `spent` is true. */
  admits(q: number): boolean {
    if (this.dp.epsilon === undefined) return true;
    if (this.accountant.epsilonAfter(q, this.dp.noiseMultiplier, this.dp.delta) > this.dp.epsilon)
      this.exhausted = true;
    return !this.exhausted;
  }

  /** True once a round was refused for lack of budget. */
  get spent(): boolean {
    return this.exhausted;
  }

  /** Accounts one completed round at rate q; returns the epsilon spent so far. */
  spend(q: number): number {
    this.accountant.spend(q, this.dp.noiseMultiplier);
    return this.epsilon;
  }

  /** Accounts `rounds` rounds at q = 1 (no amplification): the upper bound for rounds whose rate is not known, e.g. before a restart. */
  spendUnsampled(rounds: number): number {
    this.accountant.spend(1, this.dp.noiseMultiplier, rounds);
    return this.epsilon;
  }

  /** Epsilon spent so far at `dp.delta`. */
  get epsilon(): number {
    return this.accountant.epsilon(this.dp.delta);
  }

  get rounds(): number {
    return this.accountant.rounds;
  }
}
