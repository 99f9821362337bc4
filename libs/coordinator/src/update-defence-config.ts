import { assertAggregatorConfig, minimumReportsFor } from '@edgefl/aggregation';
import type { AggregatorConfig } from '@edgefl/aggregation';
import { DEFAULT_SECURE_AGGREGATION } from './secure-aggregation-config';

/**
 * How a plain round bounds and combines individual updates (docs/THREAT-MODEL.md, "Poisoning").
 * Secure rounds cannot use it beyond `fedavg`: the coordinator only ever sees the cohort's sum
 * there; their bounds are the clip range and the weight cap of `config.secure`.
 */
export interface UpdateDefenceConfig {
  /**
   * How the round's (clipped) deltas are combined; `fedavg` by default, streamed into one sum.
   * The robust aggregators keep every update of the round until it closes (reports x parameters
   * x 4 bytes); multi-Krum also compares every pair (reports^2 x parameters operations).
   */
  aggregator: AggregatorConfig;
  /**
   * L2 bound on every plain update: a delta with a larger norm is scaled down to it (clipped, not
   * refused, so an honest outlier still counts in its direction). `null` turns the bound off.
   * Default 10: above the honest updates of the reference model (L2 2.5 to 3.8 after one local
   * epoch, 5.0 to 6.7 after round 1's 3 epochs, clients of 412 to 785 examples).
   */
  maxUpdateNorm: number | null;
  /** A plain update's FedAvg weight is min(numSamples, sampleCap); default the secure weight cap (1000). */
  sampleCap: number;
}

export const DEFAULT_UPDATE_DEFENCE: UpdateDefenceConfig = {
  aggregator: { kind: 'fedavg' },
  maxUpdateNorm: 10,
  sampleCap: DEFAULT_SECURE_AGGREGATION.weightCap,
};

/**
 * Fills defaults and checks every field, naming the bad one; refuses a robust aggregator with
 * secure rounds (the coordinator cannot see single updates there) and a `minReports` too small
 * for multi-Krum (2f + 3).
 *
 * @example
 * resolveUpdateDefenceConfig({ aggregator: { kind: 'median' } }, { secure: false, minReports: 3 });
 */
export function resolveUpdateDefenceConfig(
  partial: Partial<UpdateDefenceConfig> | undefined,
  round: { secure: boolean; minReports: number },
): UpdateDefenceConfig {
  if (partial !== undefined && (typeof partial !== 'object' || partial === null))
    throw new TypeError('config.defence must be an object');
  const config: UpdateDefenceConfig = { ...DEFAULT_UPDATE_DEFENCE, ...partial };
  config.aggregator = assertAggregatorConfig(config.aggregator, 'config.defence.aggregator');
  if (
    config.maxUpdateNorm !== null &&
    !(typeof config.maxUpdateNorm === 'number' && Number.isFinite(config.maxUpdateNorm) && config.maxUpdateNorm > 0)
  ) {
    throw new RangeError(
      `config.defence.maxUpdateNorm must be a positive finite number or null (off), got ${String(config.maxUpdateNorm)}`,
    );
  }
  if (!Number.isSafeInteger(config.sampleCap) || config.sampleCap < 1) {
    throw new RangeError(`config.defence.sampleCap must be a positive integer, got ${String(config.sampleCap)}`);
  }
  const { aggregator } = config;
  if (round.secure && aggregator.kind !== 'fedavg') {
    throw new RangeError(
      `config.defence.aggregator ${aggregator.kind} needs plain rounds: with secure aggregation the coordinator only learns the cohort's sum, ` +
        'never a single update, so it cannot take a median, trim or score updates. Use plain rounds (--no-secure) for a robust aggregator, ' +
        "or keep fedavg: secure rounds bound each client's influence by the clip range and the weight cap",
    );
  }
  const needed = minimumReportsFor(aggregator);
  if (round.minReports < needed) {
    throw new RangeError(
      `config.defence.aggregator ${aggregator.kind} with byzantine = ${needed === 1 ? 0 : (needed - 3) / 2} needs config.minReports >= ${needed}, got ${round.minReports}`,
    );
  }
  if (
    aggregator.kind === 'multi-krum' &&
    aggregator.select !== undefined &&
    aggregator.select > round.minReports - aggregator.byzantine
  ) {
    throw new RangeError(
      `config.defence.aggregator.select must be at most minReports - byzantine = ${round.minReports - aggregator.byzantine}, got ${aggregator.select}`,
    );
  }
  return config;
}
