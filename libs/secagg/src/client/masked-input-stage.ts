import { derivePairwiseSeed } from '../key-agreement';
import { maskVector, type PairwiseSeed } from '../masking';
import { modulusMask } from '../modulus-bits-for';
import { MalformedMessageError, ShareDecryptionError, ThresholdError } from '../secagg-errors';
import type { EncryptedShare, KeyAdvertisement } from '../secagg-messages';
import { RoundStage } from '@edgefl/protocol';
import { decryptSharePayload } from '../share-encryption';
import type { ClientRoundState } from './client-round-state';
import { hasEnoughPeers } from '../survivor-threshold';

/**
 * MaskedInput, client side: open the shares addressed to this client (their senders are the peers
 * it masks with), then y = x + self mask + signed pairwise masks mod 2^m.
 */
export function maskedInputStage(
  state: ClientRoundState,
  input: Uint32Array,
  receivedShares: readonly EncryptedShare[],
): Uint32Array {
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
  if (!Array.isArray(receivedShares)) throw new TypeError('receivedShares must be an array of EncryptedShare');

  // Every share is tried, so a client names all the neighbours whose boxes do not open (a complaint).
  const unopened: number[] = [];
  for (const share of receivedShares) {
    if (typeof share !== 'object' || share === null)
      throw new MalformedMessageError('receivedShares holds a non-object');
    const { senderId } = share;
    if (share.roundId !== state.roundId || share.recipientId !== state.clientId) {
      throw new MalformedMessageError(`share from client ${senderId} is addressed to another round or recipient`);
    }
    const advertisement = state.peerAdvertisements.get(senderId);
    if (advertisement === undefined)
      throw new MalformedMessageError(`share from client ${senderId}, who is not an advertised neighbour`);
    if (state.heldShares.has(senderId)) throw new MalformedMessageError(`two shares from client ${senderId}`);
    try {
      state.heldShares.set(
        senderId,
        decryptSharePayload({
          share,
          roundId: state.roundId,
          recipientId: state.clientId,
          recipientSecretKey: keys.shareEncryption.secretKey,
          senderPublicKey: advertisement.shareEncryptionPublicKey,
        }),
      );
    } catch (error) {
      if (!(error instanceof ShareDecryptionError)) throw error;
      unopened.push(senderId);
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
      ownId: state.clientId,
      peerId,
      ownSecretKey: keys.maskAgreement.secretKey,
      peerPublicKey: (state.peerAdvertisements.get(peerId) as KeyAdvertisement).maskAgreementPublicKey,
    }),
  }));
  const masked = maskVector({ input, modulusBits, clientId: state.clientId, selfSeed, pairwiseSeeds });
  for (const { seed } of pairwiseSeeds) seed.fill(0);
  state.stage = RoundStage.MaskedInput;
  return masked;
}
