import nacl from 'tweetnacl';
import { assertClientIndex } from '../argument-checks';
import { bytesEqual } from '../byte-encoding';
import { derivePairwiseSeed } from '../key-agreement';
import { unmaskSum, type DanglingPairwiseSeed } from '../masking';
import { MalformedMessageError, ReconstructionError, ThresholdError } from '../secagg-errors';
import { entryOf } from '../entry-of';
import type { OwnedShare, RevealedShares } from '../secagg-messages';
import { RoundStage } from '@edgefl/protocol';
import { robustShamirCombine } from '../robust-shamir-combine';
import type { ShamirShare } from '../shamir-secret-sharing';
import { HELD_ELSEWHERE, neighboursOf, type ServerRoundState } from './server-round-state';
import { unmaskRequestFor } from './masked-input-stage';

/** The outcome of a finished round. */
export interface SecAggRoundResult {
  /** sum of the survivors' x mod 2^m. */
  readonly sum: Uint32Array;
  /** Clients whose input is in the sum, ascending. */
  readonly survivors: readonly number[];
  /** Revealers whose shares robust reconstruction found wrong (and corrected), ascending. */
  readonly wrongShareHolders: readonly number[];
}

/** Unmask, server side: take a survivor's revealed shares; they must answer exactly what was asked. */
export function acceptRevealedShares(state: ServerRoundState, revealed: RevealedShares): void {
  if (typeof revealed !== 'object' || revealed === null) throw new TypeError('revealed must be a RevealedShares');
  assertClientIndex(revealed.clientIndex, 'revealed.clientIndex');
  const { clientIndex } = revealed;
  if (revealed.roundId !== state.roundId)
    throw new MalformedMessageError(`shares of client ${clientIndex} are for round ${revealed.roundId}`);
  if (!state.maskedInputs.has(clientIndex)) throw new MalformedMessageError(`client ${clientIndex} is not a survivor`);
  if (state.revealed.has(clientIndex)) throw new MalformedMessageError(`client ${clientIndex} revealed shares twice`);
  if (state.consistencyCheck && !state.consistencySignatures.has(clientIndex)) {
    throw new MalformedMessageError(`client ${clientIndex} did not sign the survivor set`);
  }
  const request = unmaskRequestFor(state, clientIndex);
  checkOwners(revealed.selfSeedShares, request.survivors, clientIndex, 'selfSeedShares');
  checkOwners(revealed.maskKeyShares, request.dropouts, clientIndex, 'maskKeyShares');
  state.revealed.set(clientIndex, revealed);
}

/**
 * Rebuilds the survivors' self seeds and the dropped sharers' mask keys, then removes all masks.
 * Every secret must have t shares before any is combined: otherwise ThresholdError, nothing unmasked.
 */
export function finishRound(state: ServerRoundState): SecAggRoundResult {
  const survivors = [...state.maskedInputs.keys()].sort((a, b) => a - b);
  const droppedSharers = [...state.shareUploads.keys()]
    .filter((id) => !state.maskedInputs.has(id))
    .sort((a, b) => a - b);
  // With the consistency check, survivors that never signed already count as ConsistencyCheck dropouts.
  const askedToUnmask = state.consistencyCheck
    ? survivors.filter((id) => state.consistencySignatures.has(id))
    : survivors;
  state.dropouts.set(
    RoundStage.Unmask,
    askedToUnmask.filter((id) => !state.revealed.has(id)),
  );
  const seedShares = collectShares(state, (revealed) => revealed.selfSeedShares);
  const keyShares = collectShares(state, (revealed) => revealed.maskKeyShares);
  const short = [
    ...survivors.filter((id) => (seedShares.get(id)?.length ?? 0) < state.threshold).map((id) => `self seed of ${id}`),
    ...droppedSharers
      .filter((id) => (keyShares.get(id)?.length ?? 0) < state.threshold)
      .map((id) => `mask key of ${id}`),
  ];
  if (short.length > 0) {
    state.stage = RoundStage.Abandoned;
    throw new ThresholdError(`fewer than t = ${state.threshold} shares for: ${short.join(', ')}`);
  }

  // Every share revealed is used: with more than t, wrong ones are corrected and their holders named.
  const wrong = new Set<number>();
  const combine = (shares: ShamirShare[], what: string): Uint8Array => {
    try {
      const { secret, wrongShareHolders } = robustShamirCombine(shares, state.threshold);
      for (const holder of wrongShareHolders) wrong.add(holder);
      return secret;
    } catch (error) {
      state.stage = RoundStage.Abandoned;
      if (error instanceof ReconstructionError) throw new ReconstructionError(`${what}: ${error.message}`);
      throw error;
    }
  };
  const survivorSelfSeeds = survivors.map((id) =>
    combine(entryOf(seedShares, id, 'self-seed shares'), `self seed of ${id}`),
  );
  const danglingPairwiseSeeds: DanglingPairwiseSeed[] = [];
  for (const droppedId of droppedSharers) {
    const secretKey = combine(entryOf(keyShares, droppedId, 'mask-key shares'), `mask key of ${droppedId}`);
    const advertised = entryOf(state.advertisements, droppedId, 'advertisement').maskKey;
    if (!bytesEqual(nacl.scalarMult.base(secretKey), advertised)) {
      state.stage = RoundStage.Abandoned;
      throw new ReconstructionError(
        `the rebuilt mask key of client ${droppedId} does not match its advertised public key`,
      );
    }
    for (const survivorId of neighboursOf(state, droppedId)) {
      if (!state.maskedInputs.has(survivorId)) continue;
      danglingPairwiseSeeds.push({
        survivorId,
        droppedId,
        seed: derivePairwiseSeed({
          roundId: state.roundId,
          ownId: droppedId,
          peerId: survivorId,
          ownSecretKey: secretKey,
          peerPublicKey: entryOf(state.advertisements, survivorId, 'advertisement').maskKey,
        }),
      });
    }
    secretKey.fill(0);
  }
  const sum = unmaskSum({
    maskedVectors: [
      ...survivors.map((id) => entryOf(state.maskedInputs, id, 'masked input')).filter((y) => y !== HELD_ELSEWHERE),
      ...state.maskedPartials,
    ],
    modulusBits: state.modulusBits,
    survivorSelfSeeds,
    danglingPairwiseSeeds,
  });
  state.stage = RoundStage.Completed;
  return { sum, survivors, wrongShareHolders: [...wrong].sort((a, b) => a - b) };
}

/** Whether every self seed of a survivor and every mask key of a dropped sharer has t revealed shares. */
export function sharesComplete(state: ServerRoundState): boolean {
  const counts = new Map<string, number>();
  for (const revealed of state.revealed.values()) {
    for (const { owner } of revealed.selfSeedShares) counts.set(`s${owner}`, (counts.get(`s${owner}`) ?? 0) + 1);
    for (const { owner } of revealed.maskKeyShares) counts.set(`k${owner}`, (counts.get(`k${owner}`) ?? 0) + 1);
  }
  const survivors = [...state.maskedInputs.keys()];
  const droppedSharers = [...state.shareUploads.keys()].filter((id) => !state.maskedInputs.has(id));
  return (
    survivors.every((id) => (counts.get(`s${id}`) ?? 0) >= state.threshold) &&
    droppedSharers.every((id) => (counts.get(`k${id}`) ?? 0) >= state.threshold)
  );
}

function checkOwners(
  shares: readonly OwnedShare[],
  allowed: readonly number[],
  clientIndex: number,
  name: string,
): void {
  if (!Array.isArray(shares)) throw new MalformedMessageError(`${name} of client ${clientIndex} is not an array`);
  const allowedSet = new Set(allowed);
  const seen = new Set<number>();
  for (const owned of shares) {
    if (
      typeof owned !== 'object' ||
      owned === null ||
      !allowedSet.has(owned.owner) ||
      seen.has(owned.owner) ||
      !(owned.share instanceof Uint8Array) ||
      owned.share.length !== 32
    ) {
      throw new MalformedMessageError(
        `${name} of client ${clientIndex} holds a share that was not asked for or is malformed`,
      );
    }
    seen.add(owned.owner);
  }
}

function collectShares(
  state: ServerRoundState,
  pick: (revealed: RevealedShares) => readonly OwnedShare[],
): Map<number, ShamirShare[]> {
  const byOwner = new Map<number, ShamirShare[]>();
  for (const [holderId, revealed] of state.revealed) {
    for (const { owner, share } of pick(revealed)) {
      const list = byOwner.get(owner) ?? [];
      list.push({ index: holderId, value: share });
      byOwner.set(owner, list);
    }
  }
  return byOwner;
}
