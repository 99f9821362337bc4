import { RoundStage } from './round-stage';

/**
 * The SecAgg stages of a secure round in order, each one in which a client sends one message
 * (docs/PROTOCOL.md, secure rounds): its round keys, its encrypted shares, its masked input, its
 * signature on the survivor set (only when the round runs the consistency check, the default at
 * both ends) and its revealed shares.
 *
 * @example
 * // A simulated client that vanishes right before a random stage message:
 * const dropBefore = SECURE_CLIENT_STAGES[random.nextInt(SECURE_CLIENT_STAGES.length)];
 */
export const SECURE_CLIENT_STAGES = [
  RoundStage.AdvertiseKeys,
  RoundStage.ShareKeys,
  RoundStage.MaskedInput,
  RoundStage.ConsistencyCheck,
  RoundStage.Unmask,
] as const;
