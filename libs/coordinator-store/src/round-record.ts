/** What the coordinator keeps of one attempt of a round, completed or abandoned. */
export interface RoundRecord {
  runId: string;
  round: number;
  attempt: number;
  roundId: string;
  outcome: 'completed' | 'abandoned';
  reason?: string;
  /** Global model version after the attempt (unchanged when abandoned). */
  modelVersion: number;
  selected: number;
  participants: number;
  dropped: number;
  rejected: number;
  bytesUp: number;
  bytesDown: number;
  startedAt: number;
  durationMs: number;
  accuracy?: number;
  loss?: number;
  /** Mean of the clients' reported local training loss, when they sent it. */
  trainLoss?: number;
  /** DP runs: epsilon spent after this round (completed attempts only; not persisted by the SQLite store). */
  epsilon?: number;
  /** DP runs: the L2 clip applied this round (it moves with adaptive clipping; not persisted by the SQLite store). */
  dpClip?: number;
}
