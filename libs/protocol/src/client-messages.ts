import type { UpdateEncoding } from './update-encoding';

/** First message on a connection; answered by `welcome` or an error reply through the ack. */
export interface HelloMessage {
  type: 'hello';
  /** Versions the client speaks; the coordinator picks the highest in common. */
  protocolVersions: number[];
  /** A stable id the client wants to keep across reconnects (1-64 chars of [A-Za-z0-9_.:/-]); assigned when absent. */
  clientId?: string;
  /** Enrollment token when the coordinator runs in token mode. */
  token?: string;
  /** Long-term Ed25519 identity public key, base64 (32 bytes); required for secure aggregation. */
  identityKey?: string;
  /** Free-form description of the client software and the tfjs backend it trains on. */
  agent: { sdk: string; backend?: string; platform?: string };
  /** The client can rebuild the global model from a quantized delta (`task.downlink`); absent: always full weights. */
  deltaDownlink?: boolean;
}

/** A client's result for one round. Only the update, the sample count and aggregate metrics leave the device. */
export interface UpdateMessage {
  type: 'update';
  roundId: string;
  /** The global model version the update was computed from (must equal the task's). */
  modelVersion: number;
  /** Number of local training examples; the FedAvg weight (plain mode only). */
  numSamples: number;
  /** Aggregate training metrics of the local run; optional. */
  metrics?: { loss?: number; accuracy?: number };
  /** Must equal the task's encoding. */
  encoding: UpdateEncoding;
  /** The encoded delta (binary attachment). */
  payload: Uint8Array;
}

/**
 * The answer to a `challenge` (allowlist enrollment, or any hello naming an identity key): an
 * Ed25519 signature by the identity key over {@link authSignatureMessage}(nonce, clientId).
 */
export interface AuthenticateMessage {
  type: 'authenticate';
  /** 64-byte detached Ed25519 signature (binary attachment). */
  signature: Uint8Array;
}

/** Every client-to-server message. */
export type ClientMessage = HelloMessage | UpdateMessage | AuthenticateMessage;
