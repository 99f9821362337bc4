import { assertBytes, assertClientIndex } from '../argument-checks';
import { MalformedMessageError, ThresholdError } from '../secagg-errors';
import type { ConsistencyDelivery, ConsistencyRequest, ConsistencySignature } from '../secagg-messages';
import { RoundStage } from '@edgefl/protocol';
import { verifySurvivorSetSignature } from '../survivor-set-signature';
import { neighboursOf, survivorsOf, type ServerRoundState } from './server-round-state';
import { minimumSurvivors } from '../survivor-threshold';

/** ConsistencyCheck, server side: every survivor gets the same set U3 to sign. */
export function consistencyRequestFor(state: ServerRoundState, id: number): ConsistencyRequest {
  if (!state.maskedInputs.has(id)) throw new RangeError(`client ${id} is not a survivor of round ${state.roundId}`);
  return { roundId: state.roundId, survivors: survivorsOf(state) };
}

/** Takes one survivor's signature on U3 (verified up front when identity keys were given). */
export function acceptConsistencySignature(state: ServerRoundState, signature: ConsistencySignature): void {
  if (typeof signature !== 'object' || signature === null)
    throw new TypeError('signature must be a ConsistencySignature');
  assertClientIndex(signature.clientIndex, 'signature.clientIndex');
  const { clientIndex } = signature;
  if (signature.roundId !== state.roundId)
    throw new MalformedMessageError(`signature of client ${clientIndex} is for round ${signature.roundId}`);
  if (!state.maskedInputs.has(clientIndex)) throw new MalformedMessageError(`client ${clientIndex} is not a survivor`);
  if (state.consistencySignatures.has(clientIndex))
    throw new MalformedMessageError(`client ${clientIndex} signed twice`);
  assertBytes(signature.signature, 64, 'signature.signature');
  if (state.identityPublicKeys !== undefined) {
    const identity = state.identityPublicKeys.get(clientIndex);
    if (identity === undefined) throw new MalformedMessageError(`no registered identity key for client ${clientIndex}`);
    verifySurvivorSetSignature(signature, survivorsOf(state), identity);
  }
  state.consistencySignatures.set(clientIndex, signature);
}

/** Closes ConsistencyCheck: survivors that did not sign are dropouts of it; fewer than t signers abort the round. */
export function closeConsistencyCheck(state: ServerRoundState): void {
  state.dropouts.set(
    RoundStage.ConsistencyCheck,
    survivorsOf(state).filter((id) => !state.consistencySignatures.has(id)),
  );
  if (state.consistencySignatures.size < minimumSurvivors(state.threshold)) {
    state.stage = RoundStage.Abandoned;
    throw new ThresholdError(
      `only ${state.consistencySignatures.size} survivors signed the survivor set, a round needs t + 1 = ${minimumSurvivors(state.threshold)} (threshold t = ${state.threshold}: each client needs t live neighbours)`,
    );
  }
  state.stage = RoundStage.Unmask;
}

/** What a signer needs to check before it reveals: U3 again and the signatures of its neighbours that signed. */
export function consistencyDeliveryFor(state: ServerRoundState, id: number): ConsistencyDelivery {
  if (!state.consistencySignatures.has(id))
    throw new RangeError(`client ${id} did not sign the survivor set of round ${state.roundId}`);
  const signatures = neighboursOf(state, id)
    .map((peer) => state.consistencySignatures.get(peer))
    .filter((signature): signature is ConsistencySignature => signature !== undefined);
  return { roundId: state.roundId, survivors: survivorsOf(state), signatures };
}
