/**
 * The liveness rule of a SecAgg+ round, stated once and used by both ends (docs/SECAGG.md,
 * "Threshold rule").
 *
 * A client goes on to the next stage only while at least t of its **neighbours** are still in the
 * round: it needs t advertised neighbours to share, t shares to mask, t surviving peers to sign
 * and unmask, t neighbour signatures to reveal. A client is not its own neighbour, so a stage that
 * closes with t clients or fewer leaves every client at most t - 1 peers: it is certain to fail one
 * stage later. The server therefore goes on only with at least t + 1 clients.
 *
 * @example
 * hasEnoughPeers(3, 3);   // true: three live neighbours, threshold 3
 * minimumSurvivors(2);    // 3: with 2 survivors each has at most 1 peer
 */
export function hasEnoughPeers(livePeers: number, threshold: number): boolean {
  return livePeers >= threshold;
}

/**
 * The fewest clients with which a stage may close and the round still complete: t + 1 (a client
 * and t of its neighbours). See {@link hasEnoughPeers}.
 *
 * @example
 * minimumSurvivors(8); // 9
 */
export function minimumSurvivors(threshold: number): number {
  if (!Number.isInteger(threshold) || threshold < 1)
    throw new RangeError(`threshold must be a positive integer, got ${threshold}`);
  return threshold + 1;
}
