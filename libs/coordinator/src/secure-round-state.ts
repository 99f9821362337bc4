import type { SecAggServerRound } from '@edgefl/secagg';
import type { SecureDpRound } from './plan-secure-dp-round';
import type { SecureAggregationConfig } from './secure-aggregation-config';

/**
 * The secure-aggregation part of a round's state: the pure SecAgg+ server round and the map
 * between client ids and 1-based cohort indices. Holds masked vectors only (inside `server`) and,
 * after Unmask, the exact sum: never one client's input.
 */
export interface SecureRoundState {
  readonly config: SecureAggregationConfig;
  readonly server: SecAggServerRound;
  readonly indexOf: ReadonlyMap<string, number>;
  readonly clientIdOf: ReadonlyMap<number, string>;
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
