import { bytesEqual } from '../byte-encoding';
import { verifyKeyAdvertisement } from '../key-advertisement';
import { MalformedMessageError, ThresholdError } from '../secagg-errors';
import { entryOf } from '../entry-of';
import type { KeyAdvertisement, SharesUpload } from '../secagg-messages';
import { RoundStage } from '@edgefl/protocol';
import { encryptSharePayload } from '../share-encryption';
import { shamirSplit } from '../shamir-secret-sharing';
import type { ClientRoundState } from './client-round-state';
import { hasEnoughPeers } from '../survivor-threshold';

/**
 * ShareKeys, client side: verify the neighbours' advertisements, draw the self-mask seed, Shamir
 * share it and the mask-agreement secret key among the advertised neighbours, encrypt one
 * payload per neighbour (`peer` = recipient).
 */
export function shareKeysStage(state: ClientRoundState, advertisements: readonly KeyAdvertisement[]): SharesUpload {
  const keys = state.keys;
  if (keys === undefined) throw new Error('round keys missing: advertiseKeys() must run first');
  if (!Array.isArray(advertisements)) throw new TypeError('neighbourAdverts must be an array of KeyAdvertisement');

  const seenKeys: Uint8Array[] = [keys.shareEncryption.publicKey, keys.maskAgreement.publicKey];
  for (const advertisement of advertisements) {
    if (typeof advertisement !== 'object' || advertisement === null) {
      throw new MalformedMessageError('neighbourAdverts holds a non-object');
    }
    const { clientIndex: peerId } = advertisement;
    if (advertisement.roundId !== state.roundId) {
      throw new MalformedMessageError(
        `advertisement of client ${peerId} is for round ${advertisement.roundId}, not ${state.roundId}`,
      );
    }
    if (!state.neighbourSet.has(peerId))
      throw new MalformedMessageError(`client ${peerId} is not a neighbour of ${state.clientIndex}`);
    if (state.peerAdvertisements.has(peerId)) throw new MalformedMessageError(`client ${peerId} advertised twice`);
    verifyKeyAdvertisement(advertisement, entryOf(state.neighbourIdentityKeys, peerId, 'identity key'));
    // Distinct keys: a replayed or mirrored key would make two edges share a mask.
    for (const key of [advertisement.shareKey, advertisement.maskKey]) {
      if (seenKeys.some((seen) => bytesEqual(seen, key))) {
        throw new MalformedMessageError(`advertisement of client ${peerId} reuses a public key`);
      }
      seenKeys.push(key);
    }
    state.peerAdvertisements.set(peerId, advertisement);
  }
  const { threshold } = state.config;
  if (!hasEnoughPeers(state.peerAdvertisements.size, threshold)) {
    throw new ThresholdError(
      `only ${state.peerAdvertisements.size} neighbours advertised keys, threshold is ${threshold}`,
    );
  }

  state.selfSeed = state.randomBytes(32);
  const holders = [...state.peerAdvertisements.keys()].sort((a, b) => a - b);
  const seedShares = shamirSplit(state.selfSeed, threshold, holders, state.randomBytes);
  const keyShares = shamirSplit(keys.maskAgreement.secretKey, threshold, holders, state.randomBytes);
  const shares = holders.map((peer, position) => ({
    peer,
    ciphertext: encryptSharePayload({
      roundId: state.roundId,
      senderIndex: state.clientIndex,
      recipientIndex: peer,
      payload: { selfSeedShare: seedShares[position].value, maskKeyShare: keyShares[position].value },
      senderSecretKey: keys.shareEncryption.secretKey,
      recipientPublicKey: entryOf(state.peerAdvertisements, peer, 'advertisement').shareKey,
    }),
  }));
  for (const share of [...seedShares, ...keyShares]) share.value.fill(0);
  state.stage = RoundStage.ShareKeys;
  return { roundId: state.roundId, clientIndex: state.clientIndex, shares };
}
