import { MAX_QUANTIZATION_BITS } from '@edgefl/protocol';
import { DEFAULT_CORRUPTED_FRACTION, DEFAULT_EXPECTED_DROPOUT } from '@edgefl/secagg';

/**
 * Secure aggregation settings of a coordinator (docs/PROTOCOL.md, "Secure aggregation stages").
 * With them every round runs SecAgg+: the coordinator learns only the sum of the survivors'
 * quantized, weighted updates, never one update and never a sample count.
 */
export interface SecureAggregationConfig {
  /** Neighbours k per client on the round graph; default: chosen per round from n, expectedDropout and corruptedFraction (docs/SECAGG.md, "Choosing k and t"). */
  neighbours?: number;
  /** Shamir threshold t with k/2 < t <= k; default: chosen with k (floor(k/2) + 1 when corruptedFraction is 0). */
  threshold?: number;
  /** The declared chance that a selected client drops out of a secure round (default 0.2): k and t are chosen so that a round fails with probability <= 1e-6 at this rate. */
  expectedDropout?: number;
  /** The fraction of clients that may collude with the coordinator (default 0): t is raised so that no client has 2t - k of them as neighbours (probability <= 1e-6). */
  corruptedFraction?: number;
  /** Weighted deltas are clipped to [-range, range] and quantized on that fixed grid. */
  range: number;
  /** Quantization bits b, 1-16; masks then live mod 2^(b + ceil(log2 n)). */
  bits: number;
  /** A client weighs its delta by min(numSamples, weightCap) / weightCap. */
  weightCap: number;
  /** Deadline of each key stage (AdvertiseKeys, ShareKeys), of ConsistencyCheck and of Unmask; MaskedInput uses roundTimeoutMs. */
  stageTimeoutMs: number;
  /**
   * Run the consistency check between MaskedInput and Unmask (default true): every survivor signs
   * the survivor set and reveals only after t of its neighbours signed the same set, which stops a
   * coordinator that lies about survivors from unmasking a client (docs/SECAGG.md, "Consistency
   * check"). Clients require it by default and refuse to unmask without it; turn it off only for
   * benchmarks, with clients that opt out too.
   */
  consistencyCheck?: boolean;
}

/** Defaults of the optional fields. */
export const DEFAULT_SECURE_STAGE_TIMEOUT_MS = 30_000;

/**
 * The secure settings `new Coordinator()` and both CLIs run with unless told otherwise (README,
 * "Configuration"); `config.secure` fields replace its, `config.secure: false` (`--no-secure`) runs plain rounds.
 *
 * @example
 * new Coordinator({ config: { secure: { bits: 4 } } }); // DEFAULT_SECURE_AGGREGATION at 4 bits
 */
export const DEFAULT_SECURE_AGGREGATION: Readonly<SecureAggregationConfig> = Object.freeze({
  // Round 1's 3 local epochs move the reference model's weights by up to about 0.165, a third of
  // them by more than 0.05 (the range for 1 epoch) and about 5% by more than 0.1: at 0.05
  // round 1 lost about 3.5 points of accuracy (docs/BENCHMARKS.md, bench:algorithms).
  range: 0.1,
  bits: 8,
  weightCap: 1_000,
  stageTimeoutMs: DEFAULT_SECURE_STAGE_TIMEOUT_MS,
  consistencyCheck: true,
  expectedDropout: DEFAULT_EXPECTED_DROPOUT,
  corruptedFraction: DEFAULT_CORRUPTED_FRACTION,
});

/**
 * Fills defaults and checks every field, naming the bad one.
 *
 * @example
 * resolveSecureAggregationConfig({ range: 0.5, bits: 8, weightCap: 600 }); // stageTimeoutMs 30000, consistencyCheck true, k and t per round
 */
export function resolveSecureAggregationConfig(
  partial: Partial<SecureAggregationConfig> & Pick<SecureAggregationConfig, 'range' | 'bits' | 'weightCap'>,
): SecureAggregationConfig {
  if (typeof partial !== 'object' || partial === null) throw new TypeError('config.secure must be an object');
  const config: SecureAggregationConfig = { stageTimeoutMs: DEFAULT_SECURE_STAGE_TIMEOUT_MS, ...partial };
  if (config.consistencyCheck === undefined) config.consistencyCheck = true;
  if (typeof config.consistencyCheck !== 'boolean')
    throw new TypeError(`config.secure.consistencyCheck must be a boolean, got ${String(config.consistencyCheck)}`);
  if (!(typeof config.range === 'number' && Number.isFinite(config.range) && config.range > 0)) {
    throw new RangeError(`config.secure.range must be a positive finite number, got ${String(config.range)}`);
  }
  if (!Number.isInteger(config.bits) || config.bits < 1 || config.bits > MAX_QUANTIZATION_BITS) {
    throw new RangeError(
      `config.secure.bits must be an integer in [1, ${MAX_QUANTIZATION_BITS}], got ${String(config.bits)}`,
    );
  }
  const integer = (name: 'weightCap' | 'stageTimeoutMs' | 'neighbours' | 'threshold', optional: boolean): void => {
    const value = config[name];
    if (optional && value === undefined) return;
    if (!Number.isSafeInteger(value) || (value as number) < 1)
      throw new RangeError(`config.secure.${name} must be a positive integer, got ${String(value)}`);
  };
  integer('weightCap', false);
  integer('stageTimeoutMs', false);
  integer('neighbours', true);
  integer('threshold', true);
  for (const name of ['expectedDropout', 'corruptedFraction'] as const) {
    const value = config[name];
    if (value !== undefined && !(typeof value === 'number' && value >= 0 && value < 1)) {
      throw new RangeError(`config.secure.${name} must be a number in [0, 1), got ${String(value)}`);
    }
  }
  return config;
}
