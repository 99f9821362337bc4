import { UnknownIndexError } from './secagg-errors';

/**
 * The value a round-state map holds for a client index, or {@link UnknownIndexError} naming what
 * was missing: the checked form of `map.get(index) as T` for lookups whose index the stage already
 * validated (a miss is a broken precondition, never silently `undefined`).
 *
 * @example
 * const advert = entryOf(state.peerAdvertisements, peer, 'advertisement');
 */
export function entryOf<V>(map: ReadonlyMap<number, V>, index: number, what: string): V {
  const value = map.get(index);
  if (value === undefined) throw new UnknownIndexError(`no ${what} for client ${index}`);
  return value;
}
