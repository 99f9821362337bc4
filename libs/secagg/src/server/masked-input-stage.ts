import { assertClientIndex } from '../argument-checks';
import { modulusMask } from '../modulus-bits-for';
import { MalformedMessageError, ThresholdError } from '../secagg-errors';
import type { UnmaskRequest } from '../secagg-messages';
import { RoundStage } from '@edgefl/protocol';
import { sharingPeersOf, type ServerRoundState } from './server-round-state';
import { minimumSurvivors } from '../survivor-threshold';

/** MaskedInput, server side: take a sharer's masked vector y. */
export function acceptMaskedInput(state: ServerRoundState, clientIndex: number, maskedVector: Uint32Array): void {
  assertClientIndex(clientIndex, 'clientIndex');
  if (!state.shareUploads.has(clientIndex)) throw new MalformedMessageError(`client ${clientIndex} did not share keys`);
  if (state.maskedInputs.has(clientIndex))
    throw new MalformedMessageError(`client ${clientIndex} sent a masked input twice`);
  if (!(maskedVector instanceof Uint32Array) || maskedVector.length !== state.vectorLength) {
    throw new MalformedMessageError(
      `masked input of client ${clientIndex} must be a Uint32Array of length ${state.vectorLength}`,
    );
  }
  const mask = modulusMask(state.modulusBits);
  if (maskedVector.some((value) => value > mask)) {
    throw new MalformedMessageError(
      `masked input of client ${clientIndex} has elements not below 2^${state.modulusBits}`,
    );
  }
  state.maskedInputs.set(clientIndex, maskedVector.slice());
}

/**
 * Closes MaskedInput: sharers without y (or whose y another node held without sending its partial
 * sum) are dropouts; fewer than t survivors abort the round. Next
 * comes ConsistencyCheck when it is on, else Unmask.
 */
export function closeMaskedInput(state: ServerRoundState): void {
  // A held input whose node's partial never came is a dropout like a missing y: U3 is not announced yet.
  for (const id of state.heldElsewhere) state.maskedInputs.delete(id);
  state.heldElsewhere.clear();
  state.dropouts.set(
    RoundStage.MaskedInput,
    [...state.shareUploads.keys()].filter((id) => !state.maskedInputs.has(id)).sort((a, b) => a - b),
  );
  if (state.maskedInputs.size < minimumSurvivors(state.threshold)) {
    state.stage = RoundStage.Abandoned;
    throw new ThresholdError(
      `only ${state.maskedInputs.size} clients sent masked inputs, a round needs t + 1 = ${minimumSurvivors(state.threshold)} (threshold t = ${state.threshold}: each client needs t live neighbours)`,
    );
  }
  state.stage = state.consistencyCheck ? RoundStage.ConsistencyCheck : RoundStage.Unmask;
}

/**
 * The unmask request of a survivor (with the consistency check: of a signer): its sharing peers
 * split into survivors and dropouts, i.e. N(i) ∩ U3 and N(i) ∩ (U2 \ U3).
 */
export function unmaskRequestFor(state: ServerRoundState, id: number): UnmaskRequest {
  if (!state.maskedInputs.has(id)) throw new RangeError(`client ${id} is not a survivor of round ${state.roundId}`);
  if (state.consistencyCheck && !state.consistencySignatures.has(id)) {
    throw new RangeError(`client ${id} did not sign the survivor set of round ${state.roundId}`);
  }
  const peers = sharingPeersOf(state, id);
  return {
    survivors: peers.filter((peer) => state.maskedInputs.has(peer)),
    dropouts: peers.filter((peer) => !state.maskedInputs.has(peer)),
  };
}
