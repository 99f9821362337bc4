import { RoundStage } from '@edgefl/protocol';

/**
 * The named errors of secure aggregation. Each one aborts the party that throws it (a client
 * session or a server round), except {@link StageError}, which leaves the state untouched because
 * the call never started.
 *
 * @example
 * try { server.finish(); } catch (error) { if (error instanceof ThresholdError) markRoundFailed(); }
 */
export class SecAggError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A method was called outside the stage it belongs to. */
export class StageError extends SecAggError {
  constructor(
    readonly expected: readonly RoundStage[],
    readonly actual: RoundStage,
    action: string,
    /** Why the call does not fit even though the stage may (e.g. the consistency check is off, or has not passed yet). */
    reason?: string,
  ) {
    super(reason ?? `${action} is valid only in stage ${expected.join(' or ')}, but the party is in stage ${actual}`);
  }
}

/** An Ed25519 signature (key advertisement) did not verify against the registered identity key. */
export class SignatureError extends SecAggError {}

/** Fewer than the threshold `t` of parties (or shares) remain; nothing is unmasked. */
export class ThresholdError extends SecAggError {}

/** The server asked a client for shares it must not reveal (overlapping lists, strangers, a second ask...). */
export class UnmaskRequestError extends SecAggError {}

/** An encrypted share did not open, or opened to a plaintext bound to another round, sender or recipient. */
export class ShareDecryptionError extends SecAggError {
  constructor(
    message: string,
    /** The senders whose shares did not open, when the thrower knows them (a client opening its shares: all of them). */
    readonly accused: readonly number[] = [],
  ) {
    super(message);
  }
}

/** A protocol message does not fit the round (wrong round, unknown sender, duplicate, bad length...). */
export class MalformedMessageError extends SecAggError {}

/**
 * The server showed this client a view of the round that contradicts what the client signed or
 * was told: it is not in the survivor set it is asked to sign, the delivered set differs from the
 * signed one, or a signature comes from a client outside that set (ConsistencyCheck stage).
 */
export class ConsistencyError extends SecAggError {}

/** Shamir reconstruction produced a secret that contradicts the advertised public key. */
export class ReconstructionError extends SecAggError {}

/** A round's state has nothing under a client index it was asked about (a stage called out of its preconditions). */
export class UnknownIndexError extends SecAggError {}
