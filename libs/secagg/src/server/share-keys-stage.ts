import { assertClientIndex } from '../argument-checks';
import { MalformedMessageError, ThresholdError } from '../secagg-errors';
import type { SharesDelivery, SharesUpload } from '../secagg-messages';
import { RoundStage, type SecAggEncryptedShare } from '@edgefl/protocol';
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
  const { clientIndex } = upload;
  assertClientIndex(clientIndex, 'upload.clientIndex');
  if (upload.roundId !== state.roundId)
    throw new MalformedMessageError(`shares of client ${clientIndex} are for round ${upload.roundId}`);
  if (!state.advertisements.has(clientIndex))
    throw new MalformedMessageError(`client ${clientIndex} did not advertise keys`);
  if (state.shareUploads.has(clientIndex)) throw new MalformedMessageError(`client ${clientIndex} sent shares twice`);
  const expected = new Set(neighboursOf(state, clientIndex).filter((peer) => state.advertisements.has(peer)));
  const seen = new Set<number>();
  const shares: SecAggEncryptedShare[] = [];
  for (const share of upload.shares) {
    if (
      typeof share !== 'object' ||
      share === null ||
      !(share.ciphertext instanceof Uint8Array) ||
      share.ciphertext.length !== SHARE_CIPHERTEXT_BYTES
    ) {
      throw new MalformedMessageError(`client ${clientIndex} sent a malformed encrypted share`);
    }
    if (!expected.has(share.peer) || seen.has(share.peer)) {
      throw new MalformedMessageError(
        `client ${clientIndex} sent a share to ${share.peer}, not an advertised neighbour or twice`,
      );
    }
    seen.add(share.peer);
    shares.push({ peer: share.peer, ciphertext: share.ciphertext });
  }
  if (seen.size !== expected.size) {
    throw new MalformedMessageError(
      `client ${clientIndex} sent ${seen.size} shares, its advertised neighbours number ${expected.size}`,
    );
  }
  state.shareUploads.set(clientIndex, shares);
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

/** The encrypted shares addressed to a client, from every sharer, `peer` = sender (the server cannot open them). */
export function sharesFor(state: ServerRoundState, index: number): SharesDelivery {
  const shares: SecAggEncryptedShare[] = [];
  for (const peer of neighboursOf(state, index)) {
    const share = state.shareUploads.get(peer)?.find((candidate) => candidate.peer === index);
    if (share !== undefined) shares.push({ peer, ciphertext: share.ciphertext });
  }
  return { roundId: state.roundId, shares };
}
