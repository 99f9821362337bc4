import type { InMemoryDropouts } from './in-memory-secagg-round';
import { minimumSurvivors } from './survivor-threshold';

/** What {@link predictRoundOutcome} expects of a round. */
export type PredictedRoundOutcome =
  | {
      readonly completes: true;
      /** U3: the clients whose masked inputs are in the sum, ascending. */
      readonly survivors: readonly number[];
    }
  | {
      readonly completes: false;
      /** True when the round stops before any client reveals a share. */
      readonly abortedBeforeUnmask: boolean;
    };

/**
 * What a round does with a dropout schedule on a neighbour graph, from the threshold rules alone,
 * with no crypto: U1 ⊇ U2 ⊇ U3 [⊇ signers] ⊇ revealers (Bonawitz et al. 2017). A client aborts in
 * shareKeys with fewer than t advertised neighbours, in maskInput with fewer than t shares, refuses
 * to sign or to unmask with fewer than t surviving neighbours; the server's close* steps abort
 * below t + 1 clients; with the consistency check a signer reveals only when t neighbours signed;
 * finish aborts unless every client of U2 has t neighbours among the revealers. The same dropouts
 * given to {@link runInMemorySecAggRound} (same graph, t and check) end the same way; the property
 * test of the driver checks that, and the secagg bench checks it on every round it times. Cheap
 * enough for Monte Carlo estimates of the chance that a round completes.
 *
 * @example
 * const graph = buildNeighbourGraph([1, 2, 3, 4, 5], 4, seed);
 * predictRoundOutcome(graph.neighbours, 3, { afterShare: [5] }, false);
 * // { completes: true, survivors: [1, 2, 3, 4] }
 */
export function predictRoundOutcome(
  neighbours: ReadonlyMap<number, readonly number[]>,
  threshold: number,
  dropouts: InMemoryDropouts,
  consistencyCheck: boolean,
): PredictedRoundOutcome {
  const silent = (list: readonly number[] | undefined): ReadonlySet<number> => new Set(list ?? []);
  const peersIn = (id: number, set: ReadonlySet<number>): number =>
    (neighbours.get(id) ?? []).filter((peer) => set.has(peer)).length;
  const tooFew = (set: ReadonlySet<number>): boolean => set.size < minimumSurvivors(threshold);
  // Each stage keeps the clients that did not go silent before it and still have t live neighbours.
  const stay = (set: ReadonlySet<number>, gone: readonly number[] | undefined): Set<number> => {
    const leaving = silent(gone);
    return new Set([...set].filter((id) => !leaving.has(id) && peersIn(id, set) >= threshold));
  };
  const abort = { completes: false, abortedBeforeUnmask: true } as const;

  const u1 = new Set([...neighbours.keys()].filter((id) => !silent(dropouts.beforeAdvertise).has(id)));
  if (tooFew(u1)) return abort;
  const u2 = stay(u1, dropouts.afterAdvertise);
  if (tooFew(u2)) return abort;
  const u3 = stay(u2, dropouts.afterShare);
  if (tooFew(u3)) return abort;
  let revealers = stay(u3, dropouts.afterMaskedInput);
  if (consistencyCheck) {
    if (tooFew(revealers)) return abort;
    revealers = stay(revealers, dropouts.afterConsistencySignature);
  }
  // Every survivor's self seed and every dropped sharer's mask key needs t revealed shares.
  if (![...u2].every((id) => peersIn(id, revealers) >= threshold))
    return { completes: false, abortedBeforeUnmask: false };
  return { completes: true, survivors: [...u3].sort((a, b) => a - b) };
}
