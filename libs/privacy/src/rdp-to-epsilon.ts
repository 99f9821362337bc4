/**
 * How an RDP curve becomes (epsilon, delta)-DP.
 * - `classic`: Mironov 2017, Proposition 3: eps = min_alpha RDP(alpha) + log(1/delta) / (alpha - 1).
 *   TF Privacy's documented DP-SGD example (q = 256/60000, z = 1.1, 14,062 steps, delta 1e-5)
 *   gives 3.01 with it.
 * - `improved`: Canonne, Kamath, Steinke 2020, Proposition 12 (also Asoodeh et al. 2020):
 *   eps = min_alpha RDP(alpha) + log((alpha - 1) / alpha) - (log(delta) + log(alpha)) / (alpha - 1),
 *   never larger than `classic`.
 */
export type RdpConversion = 'classic' | 'improved';

/**
 * Converts a composed RDP curve (one value per order) into epsilon for `delta`, the minimum over
 * orders; returns the epsilon and the order that achieved it.
 *
 * @example
 * rdpToEpsilon([0.5, 0.9], [2, 3], 1e-5); // { epsilon, order }
 */
export function rdpToEpsilon(
  rdp: readonly number[],
  orders: readonly number[],
  delta: number,
  conversion: RdpConversion = 'classic',
): { epsilon: number; order: number } {
  if (!(delta > 0 && delta < 1)) throw new RangeError(`delta must be in (0, 1), got ${delta}`);
  if (rdp.length !== orders.length || rdp.length === 0) {
    throw new RangeError(`rdp (${rdp.length}) and orders (${orders.length}) must be non-empty and of the same length`);
  }
  let best = { epsilon: Infinity, order: orders[0] };
  for (let i = 0; i < orders.length; i++) {
    const alpha = orders[i];
    if (!(alpha > 1)) throw new RangeError(`orders[${i}] must be > 1, got ${alpha}`);
    const r = rdp[i];
    if (!(r >= 0)) throw new RangeError(`rdp[${i}] must be >= 0, got ${r}`);
    const epsilon =
      conversion === 'classic'
        ? r + Math.log(1 / delta) / (alpha - 1)
        : r + Math.log((alpha - 1) / alpha) - (Math.log(delta) + Math.log(alpha)) / (alpha - 1);
    if (epsilon < best.epsilon) best = { epsilon: Math.max(0, epsilon), order: alpha };
  }
  return best;
}
