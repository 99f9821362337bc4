import { deriveSeed } from '@edgefl/random';

/**
 * Settings a simulation harness sets so that the same seed gives the same numbers (README,
 * "Same seed, same numbers"). A real deployment leaves `CoordinatorConfig.simulation` unset and
 * keeps first-come semantics: the first `clientsPerRound` updates to arrive make the round.
 */
export interface SimulationModeConfig {
  /**
   * Which reports make a plain round is decided by the round seed, not by arrival: cohort members
   * are ranked by `canonicalRank` (the "fast" ones first), the round waits for the first
   * `clientsPerRound` ranked members that have not dropped, and folds their updates in rank order.
   */
  canonicalOrder: true;
  /** Before each attempt, wait up to `rejoinWaitMs` for this many clients (vanished ones rejoin), so the cohort does not depend on timing. */
  expectedClients?: number;
  rejoinWaitMs?: number;
}

/**
 * The cohort in canonical order for a round seed: ascending `deriveSeed(seed, 'speed', clientId)`,
 * ties broken by id. Deterministic, and a fresh order every round.
 *
 * @example
 * canonicalRank(7, ['c', 'a', 'b']); // the same permutation for every run with seed 7
 */
export function canonicalRank(seed: number, clientIds: Iterable<string>): string[] {
  const keyed = [...clientIds].map((clientId) => ({ clientId, key: deriveSeed(seed, 'speed', clientId) }));
  keyed.sort((a, b) => a.key - b.key || (a.clientId < b.clientId ? -1 : a.clientId > b.clientId ? 1 : 0));
  return keyed.map(({ clientId }) => clientId);
}
