import type { CoordinatorConfig } from './coordinator-config';

/**
 * Settings that belong to one node, not to the run: where it listens and its socket.io heartbeat.
 * Every other setting (a field added later included) must be the same on every node of a run.
 */
const PER_NODE_SETTINGS = ['port', 'host', 'pingIntervalMs', 'pingTimeoutMs'] as const satisfies ReadonlyArray<
  keyof CoordinatorConfig
>;

/**
 * The part of a coordinator's configuration that every node serving the same run must share:
 * the run id, the model spec, rounds, clients per round, the secure aggregation parameters, the
 * update encoding (quantization), training, DP, defences, seeds... everything but the node's
 * own listening address and heartbeat. Nodes record it in Redis when they join and a node whose
 * copy differs is refused (`RunConfigMismatchError`).
 *
 * @example
 * runRelevantConfig(resolveCoordinatorConfig({ port: 7071, rounds: 3 })); // { runId: 'run', rounds: 3, ... } without port
 */
export function runRelevantConfig(config: CoordinatorConfig): Record<string, unknown> {
  const relevant: Record<string, unknown> = { ...config };
  for (const key of PER_NODE_SETTINGS) delete relevant[key];
  // Plain JSON: what Redis records and the next node compares against.
  return JSON.parse(JSON.stringify(relevant)) as Record<string, unknown>;
}
