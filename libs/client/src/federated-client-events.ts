import type { GoalMetMessage, RoundEndMessage, RoundStage, RunEndMessage } from '@edgefl/protocol';

/**
 * Events of a {@link FederatedClient}.
 *
 * `error` reports a failure that does not end the run by itself (a refused update, a failed
 * local training or secure stage, a malformed message): with a listener the client carries on
 * with the next task. **Without an `error` listener the first such error ends the run: `run()`
 * rejects with it** (like Node's EventEmitter, an unheard error is never dropped).
 */
export type FederatedClientEvents = {
  /** Welcomed by the coordinator (after every (re)connection). */
  connected: [info: { clientId: string; protocolVersion: number }];
  disconnected: [reason: string];
  /**
   * The connection was lost (or a reconnection failed) and attempt `attempt` starts in `delayMs`,
   * to the coordinator node at `url` (the next of `options.urls` after a failed attempt).
   */
  reconnecting: [info: { attempt: number; delayMs: number; reason: string; url: string }];
  /** Welcomed again after a lost connection, at attempt `attempts`. */
  reconnected: [info: { clientId: string; attempts: number }];
  /** `seed` is the round's public seed; `secure` tells whether the update travels masked (SecAgg+). */
  'round-start': [info: { round: number; roundId: string; modelVersion: number; seed: number; secure: boolean }];
  /**
   * The client could not use the task's model and skipped the round: no training, no upload, and it
   * stays in the run for the next task (not an `error`: the run goes on without a listener). `error`
   * is a `DownlinkMismatchError`: the task's downlink delta starts from a base this client does not
   * hold, or the model rebuilt from it does not hash to `downlink.modelHash` (docs/PROTOCOL.md,
   * "Downlink deltas").
   */
  'round-skipped': [info: { round: number; roundId: string; modelVersion: number; error: Error }];
  /** Secure rounds: the client is about to send its message of `stage` (stop() here and nothing is sent). */
  'secure-stage': [info: { roundId: string; stage: RoundStage; clientIndex: number }];
  progress: [info: { roundId: string; epoch: number; step: number; steps: number; loss: number }];
  'update-sent': [info: { roundId: string; bytes: number; numSamples: number; loss: number }];
  /** A round this client was selected for closed; `modelVersion` / `modelUrl` name the global model after it. */
  'round-end': [message: RoundEndMessage];
  /** Plain rounds: the round had enough updates before this client's; its training stopped and nothing is uploaded. */
  'goal-met': [message: GoalMetMessage];
  error: [error: Error];
  /** The coordinator ended the run; `modelVersion` / `modelUrl` name the final model ({@link FederatedClient.loadModel}). */
  'run-end': [message: RunEndMessage];
};

/**
 * How a run ended, as {@link FederatedClient.run} and {@link FederatedClient.stop} resolve:
 * - `completed` / `stopped`: the coordinator ended the run (`run-end`: all rounds done, or stopped by its operator);
 * - `left`: {@link FederatedClient.stop} ended it on this side;
 * - `failed` (from `stop()` only): `run()` had already rejected with an error.
 */
export interface ClientRunSummary {
  /** The id the coordinator knew this client by; absent if it was never welcomed. */
  clientId?: string;
  /** Rounds whose update (plain or masked) the coordinator accepted from this client. */
  roundsParticipated: number;
  /** The latest global model version this client heard of (task, round-end or run-end); absent if none. */
  modelVersion?: number;
  reason: RunEndMessage['reason'] | 'left' | 'failed';
}
