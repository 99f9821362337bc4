import { assertClientId } from '../argument-checks';
import { MalformedMessageError, ThresholdError } from '../secagg-errors';
import type { EncryptedShare, SharesUpload } from '../secagg-messages';
import { RoundStage } from '@edgefl/protocol';
import { SHARE_CIPHERTEXT_BYTES } from '../share-encryption';
import { neighboursOf, type ServerRoundState } from './server-round-state';
import { minimumSurvivors } from '../survivor-threshold';

/**
 * ShareKeys, server side: take an advertiser's encrypted shares. They must go to exactly its
 * neighbours that advertised, else two ends of an edge would disagree on masking with each other.
 */
export function acceptShares(state: ServerRoundState, upload: SharesUpload): void {
  if (typeof upload !== 'object' || upload === null || !Array.isArray(upload.shares)) {
    throw new TypeError('upload must be a SharesUpload with a shares array');
  }
  const { senderId } = upload;
  assertClientId(senderId, 'upload.senderId');
  if (upload.roundId !== state.roundId)
    throw new MalformedMessageError(`shares of client ${senderId} are for round ${upload.roundId}`);
  if (!state.advertisements.has(senderId)) throw new MalformedMessageError(`client ${senderId} did not advertise keys`);
  if (state.shareUploads.has(senderId)) throw new MalformedMessageError(`client ${senderId} sent shares twice`);
  const expected = new Set(neighboursOf(state, senderId).filter((peer) => state.advertisements.has(peer)));
  const seen = new Set<number>();
  for (const share of upload.shares) {
    if (
      typeof share !== 'object' ||
      share === null ||
      share.roundId !== state.roundId ||
      share.senderId !== senderId ||
      !(share.ciphertext instanceof Uint8Array) ||
      share.ciphertext.length !== SHARE_CIPHERTEXT_BYTES
    ) {
      throw new MalformedMessageError(`client ${senderId} sent a malformed encrypted share`);
    }
    if (!expected.has(share.recipientId) || seen.has(share.recipientId)) {
      throw new MalformedMessageError(
        `client ${senderId} sent a share to ${share.recipientId}, not an advertised neighbour or twice`,
      );
    }
    seen.add(share.recipientId);
  }
  if (seen.size !== expected.size) {
    throw new MalformedMessageError(
      `client ${senderId} sent ${seen.size} shares, its advertised neighbours number ${expected.size}`,
    );
  }
  state.shareUploads.set(senderId, upload.shares);
}

/** Closes ShareKeys: advertisers that sent no shares are dropouts; fewer than t sharers abort the round. */
export function closeShareKeys(state: ServerRoundState): void {
  state.dropouts.set(
    RoundStage.ShareKeys,
    [...state.advertisements.keys()].filter((id) => !state.shareUploads.has(id)).sort((a, b) => a - b),
  );
  if (state.shareUploads.size < minimumSurvivors(state.threshold)) {
    state.stage = RoundStage.Abandoned;
    throw new ThresholdError(
      `only ${state.shareUploads.size} clients shared keys, a round needs t + 1 = ${minimumSurvivors(state.threshold)} (threshold t = ${state.threshold}: each client needs t live neighbours)`,
    );
  }
  state.stage = RoundStage.MaskedInput;
}

/** The encrypted shares addressed to a client, from every sharer (the server cannot open them). */
export function sharesFor(state: ServerRoundState, id: number): EncryptedShare[] {
  const out: EncryptedShare[] = [];
  for (const peer of neighboursOf(state, id)) {
    const share = state.shareUploads.get(peer)?.find((candidate) => candidate.recipientId === id);
    if (share !== undefined) out.push(share);
  }
  return out;
}
