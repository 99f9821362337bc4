import { resolveGraphParameters, type GraphParameters } from '@edgefl/secagg';
import type { SecureAggregationConfig } from './secure-aggregation-config';

/**
 * The SecAgg+ graph of a round of `cohortSize` clients: the configured k and t, checked, or those
 * chosen from the declared dropout rate and corruption bound (`resolveGraphParameters`). Throws a
 * RangeError naming the setting to change when the configured values cannot make a graph for n.
 *
 * @example
 * graphParametersFor({ range: 0.05, bits: 8, weightCap: 1000, stageTimeoutMs: 30000 }, 100); // k = 74, t = 38
 */
export function graphParametersFor(secure: SecureAggregationConfig, cohortSize: number): GraphParameters {
  return resolveGraphParameters(cohortSize, {
    neighbours: secure.neighbours,
    threshold: secure.threshold,
    dropoutRate: secure.expectedDropout,
    corruptedFraction: secure.corruptedFraction,
  });
}

/**
 * Start-up check: the configured graph must work for the cohort the coordinator aims at
 * (goal x over-selection). Without it, `--neighbours 3` with 7 clients or `--threshold 1
 * --neighbours 4` would be accepted and every attempt abandoned.
 *
 * @example
 * checkSecureGraphParameters({ ...secure, neighbours: 3 }, 7); // throws: config.secure: --neighbours 3 cannot build a graph of 7 clients ...
 */
export function checkSecureGraphParameters(secure: SecureAggregationConfig, cohortSize: number): void {
  if (cohortSize < 2) return;
  try {
    graphParametersFor(secure, cohortSize);
  } catch (error) {
    throw new RangeError(
      `config.secure: ${(error as Error).message} (the cohort is per-round x over-selection = ${cohortSize} clients)`,
    );
  }
}
