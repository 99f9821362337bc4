import { assertBytes, assertClientIndex } from '../argument-checks';
import { assertUsableRoundKeys } from '../assert-usable-round-keys';
import { verifyKeyAdvertisement } from '../key-advertisement';
import { MalformedMessageError, ThresholdError } from '../secagg-errors';
import type { KeyAdvertisement } from '../secagg-messages';
import { RoundStage } from '@edgefl/protocol';
import { neighboursOf, type ServerRoundState } from './server-round-state';
import { minimumSurvivors } from '../survivor-threshold';

/** AdvertiseKeys, server side: take one advertisement per cohort member. */
export function acceptAdvertisement(state: ServerRoundState, advertisement: KeyAdvertisement): void {
  if (typeof advertisement !== 'object' || advertisement === null)
    throw new TypeError('advertisement must be a KeyAdvertisement');
  assertClientIndex(advertisement.clientIndex, 'advertisement.clientIndex');
  neighboursOf(state, advertisement.clientIndex);
  if (advertisement.roundId !== state.roundId) {
    throw new MalformedMessageError(
      `advertisement of client ${advertisement.clientIndex} is for round ${advertisement.roundId}`,
    );
  }
  if (state.advertisements.has(advertisement.clientIndex)) {
    throw new MalformedMessageError(`client ${advertisement.clientIndex} advertised twice`);
  }
  assertBytes(advertisement.shareKey, 32, 'advertisement.shareKey');
  assertBytes(advertisement.maskKey, 32, 'advertisement.maskKey');
  assertBytes(advertisement.signature, 64, 'advertisement.signature');
  const identity = state.identityPublicKeys?.get(advertisement.clientIndex);
  if (state.identityPublicKeys !== undefined) {
    if (identity === undefined)
      throw new MalformedMessageError(`no registered identity key for client ${advertisement.clientIndex}`);
    verifyKeyAdvertisement(advertisement, identity);
  }
  assertUsableRoundKeys(advertisement, (key) => state.advertisedKeys.has(keyId(key)));
  state.advertisements.set(advertisement.clientIndex, advertisement);
  state.advertisedKeys.add(keyId(advertisement.shareKey));
  state.advertisedKeys.add(keyId(advertisement.maskKey));
}

/** Closes AdvertiseKeys: the silent are dropouts; fewer than t advertisers abort the round. */
export function closeAdvertiseKeys(state: ServerRoundState): void {
  state.dropouts.set(
    RoundStage.AdvertiseKeys,
    state.cohortIndices.filter((id) => !state.advertisements.has(id)),
  );
  if (state.advertisements.size < minimumSurvivors(state.threshold)) {
    state.stage = RoundStage.Abandoned;
    throw new ThresholdError(
      `only ${state.advertisements.size} clients advertised keys, a round needs t + 1 = ${minimumSurvivors(state.threshold)} (threshold t = ${state.threshold}: each client needs t live neighbours)`,
    );
  }
  state.stage = RoundStage.ShareKeys;
}

/** The advertisements a client needs: those of its neighbours that advertised. */
export function advertisementsFor(state: ServerRoundState, id: number): KeyAdvertisement[] {
  return neighboursOf(state, id)
    .map((peer) => state.advertisements.get(peer))
    .filter((advertisement): advertisement is KeyAdvertisement => advertisement !== undefined);
}

/** A public key as a Set member. */
function keyId(key: Uint8Array): string {
  let out = '';
  for (const byte of key) out += byte.toString(16).padStart(2, '0');
  return out;
}
