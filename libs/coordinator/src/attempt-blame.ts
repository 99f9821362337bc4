/** What one attempt taught the coordinator about its cohort. */
export interface AttemptBlame {
  /** Misbehaviour the coordinator checked itself (a refused stage message, a wrong share named at unmask): client id -> reason. */
  readonly evidence: Map<string, string>;
  /** A member's unverifiable report that a peer misbehaved towards it (e.g. a share box that does not open). */
  readonly complaints: Array<{ from: string; against: string; reason: string }>;
}

/** A fresh, empty {@link AttemptBlame}. */
export function createAttemptBlame(): AttemptBlame {
  return { evidence: new Map(), complaints: [] };
}

/** How an attempt ended, as {@link SuspicionPolicy.recordAttempt} needs it. */
export interface AttemptVerdict {
  /** The round's number (the model version it would produce). */
  readonly round: number;
  readonly completed: boolean;
  readonly blame: AttemptBlame;
  /** Abandoned without evidence or counted complaint: the members that could have caused it (each +1). */
  readonly suspects: readonly string[];
  /** Completed: the participants whose inputs made a sum that passed every check (score back to 0). */
  readonly cleared: readonly string[];
}
