import { assertDistinctClientIndices } from '../argument-checks';
import { entryOf } from '../entry-of';
import { ConsistencyError, MalformedMessageError, ThresholdError } from '../secagg-errors';
import type { ConsistencyDelivery, ConsistencyRequest, ConsistencySignature } from '../secagg-messages';
import { RoundStage } from '@edgefl/protocol';
import { signSurvivorSet, verifySurvivorSetSignature } from '../survivor-set-signature';
import type { ClientRoundState } from './client-round-state';
import { hasEnoughPeers } from '../survivor-threshold';

/**
 * ConsistencyCheck, client side, first half: sign the survivor set U3 the server announces. The
 * client signs once per round, only a set that contains itself (it did upload y) and that leaves
 * it at least t surviving peers (else it would refuse to unmask anyway).
 */
export function signSurvivorsStage(state: ClientRoundState, request: ConsistencyRequest): ConsistencySignature {
  if (typeof request !== 'object' || request === null)
    throw new MalformedMessageError('consistency request must be an object');
  if (request.roundId !== state.roundId) {
    throw new MalformedMessageError(
      `consistency request is for round ${String(request.roundId)}, not ${state.roundId}`,
    );
  }
  const survivors = survivorList(request.survivors, 'consistency request');
  if (!survivors.includes(state.clientIndex)) {
    throw new ConsistencyError(
      `the survivor set leaves out client ${state.clientIndex}, which uploaded its masked input`,
    );
  }
  const survivingPeers = survivors.filter((id) => state.heldShares.has(id)).length;
  const { threshold } = state.config;
  if (!hasEnoughPeers(survivingPeers, threshold)) {
    throw new ThresholdError(
      `only ${survivingPeers} surviving neighbours in the survivor set, threshold is ${threshold}`,
    );
  }
  const signature = signSurvivorSet(
    { roundId: state.roundId, clientIndex: state.clientIndex, survivors },
    state.identitySecretKey,
  );
  state.signedSurvivors = survivors;
  state.stage = RoundStage.ConsistencyCheck;
  return signature;
}

/**
 * ConsistencyCheck, client side, second half: the delivered set must be the one this client signed,
 * and at least t distinct neighbours must have signed that same set. Because every honest client
 * signs one set and reveals only under it, a neighbourhood cannot be split into two views that each
 * gather t > k/2 signatures (docs/SECAGG.md, "Consistency check").
 */
export function checkConsistencyStage(state: ClientRoundState, delivery: ConsistencyDelivery): void {
  const signed = state.signedSurvivors;
  if (signed === undefined) throw new Error('no signed survivor set: signSurvivors() must run first');
  if (typeof delivery !== 'object' || delivery === null)
    throw new MalformedMessageError('consistency delivery must be an object');
  if (delivery.roundId !== state.roundId) {
    throw new MalformedMessageError(
      `consistency delivery is for round ${String(delivery.roundId)}, not ${state.roundId}`,
    );
  }
  const survivors = survivorList(delivery.survivors, 'consistency delivery');
  if (survivors.length !== signed.length || survivors.some((id, position) => id !== signed[position])) {
    throw new ConsistencyError(`the delivered survivor set differs from the one client ${state.clientIndex} signed`);
  }
  if (!Array.isArray(delivery.signatures))
    throw new MalformedMessageError('consistency delivery must hold a signatures array');
  const survivorSet = new Set(survivors);
  const signers = new Set<number>();
  for (const signature of delivery.signatures) {
    if (typeof signature !== 'object' || signature === null)
      throw new MalformedMessageError('consistency delivery holds a non-object signature');
    const signer = signature.clientIndex;
    if (signature.roundId !== state.roundId) {
      throw new MalformedMessageError(
        `signature of client ${String(signer)} is for round ${String(signature.roundId)}`,
      );
    }
    if (typeof signer !== 'number' || !state.neighbourSet.has(signer)) {
      throw new MalformedMessageError(
        `signature of client ${String(signer)}, who is not a neighbour of ${state.clientIndex}`,
      );
    }
    if (signers.has(signer)) throw new MalformedMessageError(`two signatures of client ${signer}`);
    if (!survivorSet.has(signer))
      throw new ConsistencyError(`client ${signer} signed a survivor set that leaves it out`);
    verifySurvivorSetSignature(signature, survivors, entryOf(state.neighbourIdentityKeys, signer, 'identity key'));
    signers.add(signer);
  }
  const { threshold } = state.config;
  if (!hasEnoughPeers(signers.size, threshold)) {
    throw new ThresholdError(`only ${signers.size} neighbours signed the survivor set, threshold is ${threshold}`);
  }
  state.consistencyVerified = true;
}

function survivorList(ids: unknown, message: string): number[] {
  try {
    return assertDistinctClientIndices(ids, `${message} survivors`);
  } catch (error) {
    throw new MalformedMessageError((error as Error).message);
  }
}
