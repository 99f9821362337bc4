/** log of the binomial pmf, by lgamma-free summation of logs (exact enough for k up to 65535). */
function logPmfs(k: number, p: number): Float64Array {
  const logs = new Float64Array(k + 1);
  if (p === 0 || p === 1) {
    logs.fill(-Infinity);
    logs[p === 0 ? 0 : k] = 0;
    return logs;
  }
  const lp = Math.log(p);
  const lq = Math.log1p(-p);
  logs[0] = k * lq;
  for (let i = 0; i < k; i++) logs[i + 1] = logs[i] + Math.log((k - i) / (i + 1)) + lp - lq;
  return logs;
}

function sumExp(logs: Float64Array, from: number, to: number): number {
  let total = 0;
  for (let i = Math.max(0, from); i < Math.min(logs.length, to); i++) total += Math.exp(logs[i]);
  return total;
}

/**
 * P[Bin(k, p) < t]: the chance that fewer than t of k neighbours stay (the graph choice's failure bound).
 *
 * @example
 * binomialTailBelow(4, 0.5, 1); // 1/16
 */
export function binomialTailBelow(k: number, p: number, t: number): number {
  return sumExp(logPmfs(k, p), 0, t);
}

/**
 * P[Bin(k, p) >= c]: the chance that c or more of k neighbours are corrupted (the security bound).
 *
 * @example
 * binomialTailAtLeast(4, 0.5, 4); // 1/16
 */
export function binomialTailAtLeast(k: number, p: number, c: number): number {
  return sumExp(logPmfs(k, p), c, k + 1);
}
