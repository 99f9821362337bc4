/**
 * RDP at integer order `order` of one step of the Poisson-subsampled Gaussian mechanism: each
 * client is included independently with probability `q`, the sum of contributions of L2 norm at
 * most C is released with N(0, (z C)^2) noise per coordinate (add/remove-one adjacency).
 *
 * Mironov, Talwar, Zhang 2019 ("Rényi Differential Privacy of the Sampled Gaussian Mechanism"),
 * Section 3.3, for integer alpha:
 *   A_alpha = sum_{k=0}^{alpha} C(alpha, k) (1-q)^(alpha-k) q^k exp((k^2 - k) / (2 z^2)),
 *   RDP(alpha) = log(A_alpha) / (alpha - 1),
 * evaluated in log space. q = 1 gives the plain Gaussian, alpha / (2 z^2).
 *
 * @example
 * poissonGaussianRdp(0.01, 1.1, 32); // RDP of one round at order 32
 */
export function poissonGaussianRdp(q: number, noiseMultiplier: number, order: number): number {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`q must be in [0, 1], got ${q}`);
  if (!(noiseMultiplier > 0) || !Number.isFinite(noiseMultiplier)) {
    throw new RangeError(`noiseMultiplier must be a finite number > 0, got ${noiseMultiplier}`);
  }
  if (!Number.isInteger(order) || order < 2) throw new RangeError(`order must be an integer >= 2, got ${order}`);
  if (q === 0) return 0;
  const twoSigma2 = 2 * noiseMultiplier * noiseMultiplier;
  if (q === 1) return order / twoSigma2;
  const logQ = Math.log(q);
  const log1mQ = Math.log1p(-q);
  let logBinom = 0; // log C(order, 0)
  let maxTerm = -Infinity;
  const terms = new Float64Array(order + 1);
  for (let k = 0; k <= order; k++) {
    if (k > 0) logBinom += Math.log(order - k + 1) - Math.log(k);
    const term = logBinom + (order - k) * log1mQ + k * logQ + (k * k - k) / twoSigma2;
    terms[k] = term;
    if (term > maxTerm) maxTerm = term;
  }
  let sum = 0;
  for (let k = 0; k <= order; k++) sum += Math.exp(terms[k] - maxTerm);
  const logA = maxTerm + Math.log(sum);
  return Math.max(0, logA / (order - 1));
}
