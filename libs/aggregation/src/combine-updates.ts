import type { AggregatorConfig } from './aggregator-config';
import { coordinateMedian } from './coordinate-median';
import { fedAvg } from './fed-avg';
import { multiKrum } from './multi-krum';
import { trimmedMean } from './trimmed-mean';
import type { WeightedUpdate } from './weighted-update';

/**
 * The round's mean delta under the configured aggregator: FedAvg weighs by sample count, the
 * robust ones ignore it. Pure; the server optimizer step comes after.
 *
 * @example
 * const delta = combineUpdates({ kind: 'median' }, updates);
 * global = optimizer.step(global, delta);
 */
export function combineUpdates(aggregator: AggregatorConfig, updates: readonly WeightedUpdate[]): Float32Array {
  const deltas = (): Float32Array[] => updates.map((update) => update.delta);
  switch (aggregator.kind) {
    case 'fedavg':
      return fedAvg(updates);
    case 'median':
      return coordinateMedian(deltas());
    case 'trimmed-mean':
      return trimmedMean(deltas(), aggregator.trim);
    case 'multi-krum':
      return multiKrum(deltas(), { byzantine: aggregator.byzantine, select: aggregator.select }).mean;
    default: {
      const unknown: never = aggregator;
      throw new Error(`unknown aggregator ${JSON.stringify(unknown)}`);
    }
  }
}
