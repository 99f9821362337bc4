/**
 * The distributed-DP part of a secure round's setup (`task.secure.dp`, docs/PROTOCOL.md,
 * "Distributed DP"): with it the client does not send the weighted levels of the plain secure
 * round but Kairouz, Liu, Steinke 2021's distributed discrete Gaussian: clip delta to L2 norm
 * `clip`, zero-pad to `paddedLength`, rotate (random signs from `rotationSeed`, then the
 * normalized Walsh-Hadamard transform), divide by `gridStep`, round conditionally to L2 norm
 * `roundingBound`, add discrete Gaussian noise of variance `noiseVariance` to every coordinate,
 * reduce mod 2^modulusBits. The input vector then has `paddedLength` elements (= `vectorLength`)
 * and no weight element: DP rounds weigh every client 1.
 */
export interface SecureDpSetup {
  clip: number;
  /** A power of two >= the parameter count. */
  paddedLength: number;
  gridStep: number;
  roundingBound: number;
  /** Integer variance of each client's discrete Gaussian noise, in grid steps squared. */
  noiseVariance: number;
  /** Standard base64 of 32 bytes; the same for the whole cohort. */
  rotationSeed: string;
}
