import type { CoordinatorConfig } from './coordinator-config';

/**
 * Why a run's plain updates cannot be pre-aggregated on the node that received them, or
 * `undefined` when they can: pre-aggregation folds FedAvg's weighted sum on each node, which only
 * works when the leader needs nothing but that sum (docs/SCALING.md, "Edge pre-aggregation").
 *
 * - secure rounds have no plain updates: their masked inputs are summed mod 2^m on the node
 *   instead (SecureEdgePreAggregator);
 * - a robust aggregator (median, Krum, trimmed mean) needs every update at once;
 * - DP-FedAvg clips with the leader's (adaptive) clip norm and weights each update 1;
 * - pruning: the round's mask travels with the task, which only the leader knows;
 * - simulation mode picks the folded updates in canonical order on the leader.
 *
 * @example
 * if (preAggregationBlocker(config) === undefined) node.hold(...); else relayPerClient(...);
 */
export function preAggregationBlocker(config: CoordinatorConfig): string | undefined {
  if (config.secure) return 'secure rounds sum masked inputs mod 2^m on each node instead';
  if (config.defence.aggregator.kind !== 'fedavg')
    return `the ${config.defence.aggregator.kind} aggregator needs every update`;
  if (config.dp) return "DP-FedAvg clips with the leader's clip norm";
  if (config.pruning) return "the round's pruning mask is the leader's";
  if (config.simulation?.canonicalOrder) return 'simulation mode folds in canonical order on the leader';
  return undefined;
}
