/**
 * How a plain round combines its clients' deltas (docs/THREAT-MODEL.md, "Poisoning"):
 * - `fedavg`: the sample-weighted mean (McMahan et al. 2017); not robust, one update can move it
 *   as far as the norm bound and the sample cap allow.
 * - `median`: coordinate-wise median ({@link coordinateMedian}), unweighted.
 * - `trimmed-mean`: coordinate-wise mean without the `trim` fraction at each end ({@link trimmedMean}), unweighted.
 * - `multi-krum`: the mean of the `select` deltas closest to their neighbours, tolerating
 *   `byzantine` attackers ({@link multiKrum}), unweighted; needs at least 2 * byzantine + 3 reports.
 *
 * @example
 * const aggregator: AggregatorConfig = { kind: 'trimmed-mean', trim: 0.2 };
 */
export type AggregatorConfig =
  | { kind: 'fedavg' }
  | { kind: 'median' }
  | { kind: 'trimmed-mean'; trim: number }
  | { kind: 'multi-krum'; byzantine: number; select?: number };

/** The aggregator kinds, in the order help texts list them. */
export const AGGREGATOR_KINDS = ['fedavg', 'median', 'trimmed-mean', 'multi-krum'] as const satisfies ReadonlyArray<
  AggregatorConfig['kind']
>;

/**
 * Checks an aggregator configuration from an untrusted source (a config file, the embedding API),
 * naming the bad field, and returns a clean copy.
 *
 * @example
 * assertAggregatorConfig({ kind: 'multi-krum', byzantine: 1 }, 'config.aggregator');
 */
export function assertAggregatorConfig(config: AggregatorConfig, name: string): AggregatorConfig {
  const kind = (config as { kind?: unknown } | undefined)?.kind;
  switch (kind) {
    case 'fedavg':
    case 'median':
      return { kind };
    case 'trimmed-mean': {
      const { trim } = config as { trim: unknown };
      if (typeof trim !== 'number' || !(trim > 0 && trim < 0.5))
        throw new RangeError(`${name}.trim must be a number in (0, 0.5), got ${String(trim)}`);
      return { kind, trim };
    }
    case 'multi-krum': {
      const { byzantine, select } = config as { byzantine: unknown; select?: unknown };
      if (typeof byzantine !== 'number' || !Number.isInteger(byzantine) || byzantine < 1) {
        throw new RangeError(`${name}.byzantine must be an integer >= 1, got ${String(byzantine)}`);
      }
      if (select !== undefined && (typeof select !== 'number' || !Number.isInteger(select) || select < 1)) {
        throw new RangeError(`${name}.select must be an integer >= 1 when given, got ${String(select)}`);
      }
      return select === undefined ? { kind, byzantine } : { kind, byzantine, select };
    }
    default:
      throw new RangeError(`${name}.kind must be one of ${AGGREGATOR_KINDS.join(', ')}, got ${String(kind)}`);
  }
}

/**
 * The fewest reports an aggregator can combine: 2f + 3 for multi-Krum, 1 otherwise. A coordinator
 * refuses a `minReports` below it at start-up.
 *
 * @example
 * minimumReportsFor({ kind: 'multi-krum', byzantine: 1 }); // 5
 */
export function minimumReportsFor(config: AggregatorConfig): number {
  return config.kind === 'multi-krum' ? 2 * config.byzantine + 3 : 1;
}
