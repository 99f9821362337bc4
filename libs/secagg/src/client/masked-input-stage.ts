import { derivePairwiseSeed } from '../key-agreement';
import { maskVector, type PairwiseSeed } from '../masking';
import { modulusMask } from '../modulus-bits-for';
import { MalformedMessageError, ShareDecryptionError, ThresholdError } from '../secagg-errors';
import { entryOf } from '../entry-of';
import type { SharesDelivery } from '../secagg-messages';
import { RoundStage } from '@edgefl/protocol';
import { decryptSharePayload } from '../share-encryption';
import type { ClientRoundState } from './client-round-state';
import { hasEnoughPeers } from '../survivor-threshold';

/**
 * MaskedInput, client side: open the shares addressed to this client (their senders are the peers
 * it masks with), then y = x + self mask + signed pairwise masks mod 2^m.
 */
export function maskedInputStage(state: ClientRoundState, input: Uint32Array, delivery: SharesDelivery): Uint32Array {
  const keys = state.keys;
  const selfSeed = state.selfSeed;
  if (keys === undefined || selfSeed === undefined)
    throw new Error('round secrets missing: shareKeys() must run first');
  const { vectorLength, modulusBits, threshold } = state.config;
  if (!(input instanceof Uint32Array) || input.length !== vectorLength) {
    throw new TypeError(`x must be a Uint32Array of length ${vectorLength}`);
  }
  const mask = modulusMask(modulusBits);
  for (let i = 0; i < input.length; i++) {
    if (input[i] > mask) throw new RangeError(`x[${i}] = ${input[i]} is not below 2^${modulusBits}`);
  }
  if (typeof delivery !== 'object' || delivery === null || !Array.isArray(delivery.shares)) {
    throw new TypeError('delivery must be a SharesDelivery with a shares array');
  }

  // Every share is tried, so a client names all the neighbours whose boxes do not open (a complaint).
  const unopened: number[] = [];
  for (const share of delivery.shares) {
    if (typeof share !== 'object' || share === null)
      throw new MalformedMessageError('delivery.shares holds a non-object');
    const { peer: senderIndex } = share;
    if (delivery.roundId !== state.roundId) {
      throw new MalformedMessageError(`share from client ${senderIndex} is addressed to another round or recipient`);
    }
    const advertisement = state.peerAdvertisements.get(senderIndex);
    if (advertisement === undefined)
      throw new MalformedMessageError(`share from client ${senderIndex}, who is not an advertised neighbour`);
    if (state.heldShares.has(senderIndex)) throw new MalformedMessageError(`two shares from client ${senderIndex}`);
    try {
      state.heldShares.set(
        senderIndex,
        decryptSharePayload({
          ciphertext: share.ciphertext,
          roundId: state.roundId,
          senderIndex,
          recipientIndex: state.clientIndex,
          recipientSecretKey: keys.shareEncryption.secretKey,
          senderPublicKey: advertisement.shareKey,
        }),
      );
    } catch (error) {
      if (!(error instanceof ShareDecryptionError)) throw error;
      unopened.push(senderIndex);
    }
  }
  if (unopened.length > 0) {
    throw new ShareDecryptionError(`the shares from client(s) ${unopened.join(', ')} do not open`, unopened);
  }
  if (!hasEnoughPeers(state.heldShares.size, threshold)) {
    throw new ThresholdError(`only ${state.heldShares.size} neighbours sent shares, threshold is ${threshold}`);
  }

  const pairwiseSeeds: PairwiseSeed[] = [...state.heldShares.keys()].map((peerId) => ({
    peerId,
    seed: derivePairwiseSeed({
      roundId: state.roundId,
      ownId: state.clientIndex,
      peerId,
      ownSecretKey: keys.maskAgreement.secretKey,
      peerPublicKey: entryOf(state.peerAdvertisements, peerId, 'advertisement').maskKey,
    }),
  }));
  const masked = maskVector({ input, modulusBits, clientIndex: state.clientIndex, selfSeed, pairwiseSeeds });
  for (const { seed } of pairwiseSeeds) seed.fill(0);
  state.stage = RoundStage.MaskedInput;
  return masked;
}
