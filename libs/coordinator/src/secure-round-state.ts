import type { SecAggServerRound } from '@edgefl/secagg';
import type { CohortIndex } from './cohort-index';
import type { SecureDpRound } from './plan-secure-dp-round';
import type { SecureAggregationConfig } from './secure-aggregation-config';

/**
 * The secure-aggregation part of a round's state: the pure SecAgg+ server round and the checked
 * map between client ids and 1-based cohort indices. Holds masked vectors only (inside `server`) and,
 * after Unmask, the exact sum: never one client's input.
 */
export interface SecureRoundState {
  readonly config: SecureAggregationConfig;
  readonly server: SecAggServerRound;
  /** Client id <-> cohort index (the SecAgg `clientIndex`); throws on a non-member. */
  readonly cohortIndex: CohortIndex;
  /** m: masks and the sum live mod 2^m. */
  readonly modulusBits: number;
  /** L = parameter count + 1. */
  readonly vectorLength: number;
  /** DP runs: the distributed discrete Gaussian plan of the round and its rotation seed. */
  readonly dp?: SecureDpRound;
  /** The unmasked sum over the survivors, once Unmask finished. */
  sum?: Uint32Array;
  /** Cohort indices whose inputs are in `sum`. */
  survivors?: readonly number[];
}
