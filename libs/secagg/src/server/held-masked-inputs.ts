import { assertClientIndex } from '../argument-checks';
import { modulusMask } from '../modulus-bits-for';
import { MalformedMessageError } from '../secagg-errors';
import { HELD_ELSEWHERE, type ServerRoundState } from './server-round-state';

/**
 * MaskedInput, server side, edge pre-aggregation: a sharer's y was checked and is held by another
 * coordinator node. It counts in U3 like a received y; its value comes later inside that node's
 * partial sum ({@link acceptMaskedPartial}), or the client is a dropout when MaskedInput closes.
 */
export function acceptHeldMaskedInput(state: ServerRoundState, clientIndex: number): void {
  assertClientIndex(clientIndex, 'clientIndex');
  if (!state.shareUploads.has(clientIndex)) throw new MalformedMessageError(`client ${clientIndex} did not share keys`);
  if (state.maskedInputs.has(clientIndex))
    throw new MalformedMessageError(`client ${clientIndex} sent a masked input twice`);
  state.maskedInputs.set(clientIndex, HELD_ELSEWHERE);
  state.heldElsewhere.add(clientIndex);
}

/**
 * MaskedInput, server side: one node's sum mod 2^m of the held inputs of exactly `clientIndices`
 * (each held, none covered twice). Since unmasking adds the survivors' y mod 2^m, adding partial
 * sums of disjoint groups gives the same sum bit for bit.
 */
export function acceptMaskedPartial(
  state: ServerRoundState,
  clientIndices: readonly number[],
  partialSum: Uint32Array,
): void {
  if (!Array.isArray(clientIndices) || clientIndices.length === 0)
    throw new MalformedMessageError('a masked partial sum must name at least one client');
  const seen = new Set<number>();
  for (const id of clientIndices) {
    assertClientIndex(id, 'clientIndex');
    if (!state.heldElsewhere.has(id) || seen.has(id))
      throw new MalformedMessageError(`client ${id} is not a held masked input awaiting its partial sum`);
    seen.add(id);
  }
  if (!(partialSum instanceof Uint32Array) || partialSum.length !== state.vectorLength) {
    throw new MalformedMessageError(`a masked partial sum must be a Uint32Array of length ${state.vectorLength}`);
  }
  const mask = modulusMask(state.modulusBits);
  if (partialSum.some((value) => value > mask))
    throw new MalformedMessageError(`a masked partial sum has elements not below 2^${state.modulusBits}`);
  for (const id of clientIndices) state.heldElsewhere.delete(id);
  state.maskedPartials.push(partialSum.slice());
}
