import { assertDeltaList } from './assert-delta-list';

/**
 * Multi-Krum (Blanchard et al. 2017, "Machine Learning with Adversaries: Byzantine Tolerant
 * Gradient Descent"; Flower's Krum): each delta is scored by the sum of squared L2 distances to
 * its n - f - 2 nearest other deltas; the `select` lowest-scoring ones are averaged, unweighted.
 * `select` = 1 is Krum. The guarantee needs n >= 2f + 3; with fewer deltas it throws.
 *
 * @param byzantine f, the number of attackers tolerated (>= 0).
 * @param select m, how many deltas to average, 1..n - f (default n - f).
 * @returns the mean of the selected deltas and their indices, lowest score first (ties: lower index).
 * @example
 * multiKrum([a, b, c, d, attacker], { byzantine: 1 }).selected; // [0, 1, 2, 3] in score order
 */
export function multiKrum(
  deltas: readonly Float32Array[],
  options: { byzantine: number; select?: number },
): { mean: Float32Array; selected: number[] } {
  const length = assertDeltaList(deltas, 'deltas');
  const n = deltas.length;
  const f = options?.byzantine;
  if (!Number.isInteger(f) || f < 0) throw new Error(`options.byzantine must be an integer >= 0, got ${f}`);
  if (n < 2 * f + 3) throw new Error(`multi-Krum with byzantine = ${f} needs at least ${2 * f + 3} deltas, got ${n}`);
  const m = options.select ?? n - f;
  if (!Number.isInteger(m) || m < 1 || m > n - f)
    throw new Error(`options.select must be an integer in 1..${n - f}, got ${m}`);
  const distance = Array.from({ length: n }, () => new Float64Array(n));
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      let sum = 0;
      const x = deltas[a];
      const y = deltas[b];
      for (let i = 0; i < length; i++) {
        const d = x[i] - y[i];
        sum += d * d;
      }
      distance[a][b] = sum;
      distance[b][a] = sum;
    }
  }
  const neighbours = n - f - 2;
  const scores = distance.map((row, a) => {
    const others = Array.from(row)
      .filter((_, b) => b !== a)
      .sort((p, q) => p - q);
    return others.slice(0, neighbours).reduce((acc, d) => acc + d, 0);
  });
  const selected = scores
    .map((score, index) => ({ score, index }))
    .sort((p, q) => p.score - q.score || p.index - q.index)
    .slice(0, m)
    .map(({ index }) => index);
  const sum = new Float64Array(length);
  for (const index of selected) {
    const delta = deltas[index];
    for (let i = 0; i < length; i++) sum[i] += delta[i];
  }
  const mean = new Float32Array(length);
  for (let i = 0; i < length; i++) mean[i] = sum[i] / m;
  return { mean, selected };
}
