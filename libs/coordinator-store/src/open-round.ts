/**
 * What the leader keeps in the store about the attempt it has open, so that a node taking over
 * after it died knows what was in flight: written when an attempt opens and on each stage change,
 * cleared when the attempt is committed or abandoned.
 */
export interface OpenRound {
  runId: string;
  round: number;
  attempt: number;
  /** `runId/round/attempt`, as in the round log. */
  roundId: string;
  /** The stage the attempt is in: a `RoundStage` value of `@edgefl/protocol` (e.g. `train`, `masked-input`). */
  stage: string;
  /** The model version the attempt trains from. */
  modelVersion: number;
  /** The selected client ids (empty until the cohort is drawn). */
  cohort: string[];
  /** When the open stage times out at the latest (ms since the epoch). */
  deadline: number;
  /** Whether the attempt runs secure aggregation. */
  secure: boolean;
  /** When the attempt opened (ms since the epoch). */
  startedAt: number;
  /** The node that leads the attempt. */
  leaderNodeId: string;
}

/**
 * Where the leader keeps the {@link OpenRound} of the run (one at a time). In a multi-node
 * deployment the writes are fenced like every other state write: a leader whose token went stale
 * gets `StaleFencingTokenError` and writes nothing.
 *
 * @example
 * await openRounds.putOpenRound(open); // on open and each stage change
 * await openRounds.clearOpenRound(open.roundId); // once the attempt is committed or abandoned
 */
export interface OpenRoundStore {
  /** The open round, or undefined when none is open. */
  openRound(): Promise<OpenRound | undefined>;
  /** Records `open` as the open round, replacing whatever was recorded. */
  putOpenRound(open: OpenRound): Promise<void>;
  /** Clears the open round when it is `roundId` (another attempt's record stays); true when it cleared one. */
  clearOpenRound(roundId: string): Promise<boolean>;
}
