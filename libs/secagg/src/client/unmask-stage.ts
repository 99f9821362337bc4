import { UnmaskRequestError } from '../secagg-errors';
import type { OwnedShare, RevealedShares, UnmaskRequest } from '../secagg-messages';
import { RoundStage } from '@edgefl/protocol';
import type { SharePayload } from '../share-encryption';
import type { ClientRoundState } from './client-round-state';
import { hasEnoughPeers } from '../survivor-threshold';

/**
 * Unmask, client side: reveal self-seed shares of surviving peers and mask-key shares of peers
 * that dropped after sharing, after checking the request cannot expose any client: the lists are
 * disjoint, name only peers whose shares this client holds, hold at least t survivors, and come once.
 * With the consistency check on, they must also be exactly the signed survivor set restricted to
 * the peers: survivors = peers ∩ U3, dropouts = peers \ U3.
 */
export function unmaskStage(state: ClientRoundState, request: UnmaskRequest): RevealedShares {
  if (state.unmaskRequested) throw new UnmaskRequestError('unmask was already requested once in this round');
  state.unmaskRequested = true;
  if (
    typeof request !== 'object' ||
    request === null ||
    !Array.isArray(request.survivors) ||
    !Array.isArray(request.dropouts)
  ) {
    throw new UnmaskRequestError('request must have survivors and dropouts arrays');
  }
  const survivors = checkedPeerList(state, request.survivors, 'survivors');
  const dropouts = checkedPeerList(state, request.dropouts, 'dropouts');
  for (const id of dropouts) {
    if (survivors.has(id)) {
      throw new UnmaskRequestError(
        `client ${id} is listed as both survivor and dropout: revealing both shares would expose its input`,
      );
    }
  }
  const { threshold } = state.config;
  if (!hasEnoughPeers(survivors.size, threshold)) {
    throw new UnmaskRequestError(
      `only ${survivors.size} surviving neighbours, threshold is ${threshold}: the sum would be too small to hide inputs`,
    );
  }
  if (state.config.consistencyCheck === true) checkAgainstSignedSet(state, survivors, dropouts);
  const selfSeedShares: OwnedShare[] = [...survivors].map((owner) => ({
    owner,
    share: heldShare(state, owner).selfSeedShare.slice(),
  }));
  const maskKeyShares: OwnedShare[] = [...dropouts].map((owner) => ({
    owner,
    share: heldShare(state, owner).maskKeyShare.slice(),
  }));
  state.stage = RoundStage.Unmask;
  return { roundId: state.roundId, clientIndex: state.clientIndex, selfSeedShares, maskKeyShares };
}

function checkedPeerList(state: ClientRoundState, ids: readonly unknown[], name: string): Set<number> {
  const out = new Set<number>();
  for (const id of ids) {
    if (typeof id !== 'number' || !state.heldShares.has(id)) {
      throw new UnmaskRequestError(
        `${name} names ${String(id)}, which is not a neighbour that shared keys with client ${state.clientIndex}`,
      );
    }
    if (out.has(id)) throw new UnmaskRequestError(`${name} repeats client ${id}`);
    out.add(id);
  }
  return out;
}

function checkAgainstSignedSet(
  state: ClientRoundState,
  survivors: ReadonlySet<number>,
  dropouts: ReadonlySet<number>,
): void {
  const signed = state.signedSurvivors;
  if (signed === undefined || !state.consistencyVerified)
    throw new UnmaskRequestError('the consistency check has not passed');
  const signedSet = new Set(signed);
  for (const peer of state.heldShares.keys()) {
    const expectedSurvivor = signedSet.has(peer);
    if (expectedSurvivor !== survivors.has(peer) || expectedSurvivor === dropouts.has(peer)) {
      throw new UnmaskRequestError(
        `the request lists client ${peer} as ${survivors.has(peer) ? 'survivor' : dropouts.has(peer) ? 'dropout' : 'neither'}, the signed survivor set says ${expectedSurvivor ? 'survivor' : 'dropout'}`,
      );
    }
  }
}

function heldShare(state: ClientRoundState, owner: number): SharePayload {
  const payload = state.heldShares.get(owner);
  if (payload === undefined) throw new UnmaskRequestError(`no share held from client ${owner}`);
  return payload;
}
