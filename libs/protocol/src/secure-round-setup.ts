import type { SecureDpSetup } from './secure-dp-setup';

/**
 * The secure-aggregation part of a `task` (docs/PROTOCOL.md, "Secure aggregation stages"): what
 * one cohort member needs to run its SecAgg+ session and to encode its update on the round's
 * shared grid. Present only in secure rounds; a plain task has no `secure` field.
 *
 * @example
 * if (task.secure) startSecureSession(task.secure.clientIndex, task.secure.neighbours);
 */
export interface SecureRoundSetup {
  /** This client's 1-based position in the cohort (its SecAgg id and Shamir share index). */
  clientIndex: number;
  /** Cohort size n. */
  cohortSize: number;
  /** Neighbour count k of the round's graph (k >= n-1: complete graph). */
  neighbourCount: number;
  /** Shamir threshold t. */
  threshold: number;
  /** Masks and the sum live mod 2^modulusBits (m = b + ceil(log2 n)). */
  modulusBits: number;
  /** L = parameter count + 1 (the last element carries the client's weight). */
  vectorLength: number;
  /** Quantization bits b of the shared grid (1-16). */
  bits: number;
  /** Weighted deltas are clipped to [-range, range] and quantized on that fixed grid. */
  range: number;
  /** A client weighs its delta by min(numSamples, weightCap) / weightCap. */
  weightCap: number;
  /** How long each key stage waits for the cohort, in milliseconds. */
  stageTimeoutMs: number;
  /** This client's neighbours on the graph, ascending by index. */
  neighbours: SecureNeighbour[];
  /**
   * Whether the coordinator runs the consistency check (`secagg-consistency`, `secagg-signature`)
   * between masked-input and unmask; absent means false. A client must not take this as its policy:
   * it runs the check if it requires it OR the coordinator announces it (docs/PROTOCOL.md, section 11).
   */
  consistencyCheck?: boolean;
  /** Distributed DP (Kairouz, Liu, Steinke 2021): present in DP runs; changes what the input vector holds. */
  dp?: SecureDpSetup;
}

/** One neighbour of a client on the round's graph. */
export interface SecureNeighbour {
  /** 1-based cohort position. */
  index: number;
  clientId: string;
  /**
   * The Ed25519 identity public key the neighbour proved at enrollment: standard base64 of 32
   * bytes, as in `hello.identityKey` (a string, so long neighbour lists stay within socket.io's
   * 10 binary attachments per message).
   */
  identityKey: string;
}
