import type { DownlinkDelta } from './downlink-delta';
import type { ErrorCode } from './error-code';
import type { ProtocolLimits } from './limits';
import type { SecureRoundSetup } from './secure-round-setup';
import type { ModelSpec } from './model-spec';
import type { TrainingConfig } from './training-config';
import type { UpdateEncoding } from './update-encoding';

/** The ack of a successful `hello`. */
export interface WelcomeMessage {
  type: 'welcome';
  protocolVersion: number;
  clientId: string;
  runId: string;
  limits: ProtocolLimits;
  /**
   * Bearer token for the model download routes (docs/PROTOCOL.md section 13), valid while this
   * coordinator process runs; sent only when the model is not public.
   */
  modelToken?: string;
  /** True when every round of the run is secure (SecAgg+): only clients with a proven identity key take part. Absent = false. */
  secure?: boolean;
}

/**
 * The ack of a `hello` that named an identity key: the client must prove it holds the key by
 * answering with `authenticate` on the same connection. The nonce is single-use.
 */
export interface ChallengeMessage {
  type: 'challenge';
  /** The id the client will be registered under; the signature covers it. */
  clientId: string;
  /** 32 random bytes (binary attachment). */
  nonce: Uint8Array;
}

/** Sent to each selected client when a round starts. */
export interface TaskMessage {
  type: 'task';
  runId: string;
  /** Unique per attempt of a round: `<runId>/<round>/<attempt>`. */
  roundId: string;
  round: number;
  attempt: number;
  modelVersion: number;
  model: ModelSpec;
  /**
   * Global weights, tensor codec (docs/PROTOCOL.md), one tensor per model weight in order. Exactly
   * one of `weights` and `downlink` is present; `downlink` only goes to clients whose hello set
   * `deltaDownlink`.
   */
  weights?: Uint8Array;
  /** The global weights as a quantized delta from a full model this client holds. */
  downlink?: DownlinkDelta;
  training: TrainingConfig;
  encoding: UpdateEncoding;
  /** Milliseconds from receipt until reports are no longer accepted. */
  timeoutMs: number;
  /** Seed for the client's stochastic choices this round (shuffling, stochastic rounding). */
  seed: number;
  /** Secure rounds only: this client's SecAgg setup; the update then travels masked (no `update` message). */
  secure?: SecureRoundSetup;
  /**
   * Pruned models only: the kept coordinates as a bitmap (`encodePruningMask`, docs/PROTOCOL.md
   * "Pruning mask"). The client trains with the pruned weights held at 0 and its update carries
   * the kept coordinates only.
   */
  mask?: Uint8Array;
}

/** The ack of an accepted `update`. */
export interface AcceptedMessage {
  type: 'accepted';
  roundId: string;
}

/** Broadcast when a round closes. */
export interface RoundEndMessage {
  type: 'round-end';
  roundId: string;
  round: number;
  outcome: 'completed' | 'abandoned';
  /** Why a round was abandoned. */
  reason?: string;
  /** The global model version after the round. */
  modelVersion: number;
  participants: number;
  /** Path of `modelVersion`'s `model.json` on the coordinator's origin (e.g. `/api/model/v/3/model.json`). */
  modelUrl?: string;
}

/**
 * Sent to the cohort members that have not reported when a plain round has the updates it needs
 * (the goal count): do not upload for this round (an upload would be refused as `late-report`).
 * Old clients ignore the event; it saves the over-selected clients' uploads.
 */
export interface GoalMetMessage {
  type: 'goal-met';
  roundId: string;
  round: number;
}

/** Broadcast when the coordinator ends the run; clients disconnect. */
export interface RunEndMessage {
  type: 'run-end';
  runId: string;
  reason: 'completed' | 'stopped';
  modelVersion: number;
  rounds: number;
  /** Path of the final model's `model.json` on the coordinator's origin (e.g. `/api/model/v/10/model.json`). */
  modelUrl?: string;
}

/** An error, as an ack or as a `protocol-error` event. */
export interface ErrorReply {
  type: 'error';
  code: ErrorCode;
  message: string;
  roundId?: string;
}

/** Every server-to-client message. */
export type ServerMessage =
  | WelcomeMessage
  | ChallengeMessage
  | TaskMessage
  | AcceptedMessage
  | GoalMetMessage
  | RoundEndMessage
  | RunEndMessage
  | ErrorReply;
