/**
 * Gradual magnitude pruning of the global model (Zhu and Gupta 2017, "To prune, or not to
 * prune"): from `startRound`, every `everyRounds` rounds, the kernels are pruned to a sparsity
 * that rises along a cubic ramp and reaches `sparsity` at the `steps`-th pruning round, then
 * stays there.
 */
export interface PruningSchedule {
  /** Target fraction of exact zeros in every pruned kernel, in [0, 1). */
  sparsity: number;
  /** First round whose aggregated model is pruned (>= 1). */
  startRound: number;
  /** Rounds between two sparsity increases (>= 1). */
  everyRounds: number;
  /** Pruning rounds to reach the target (>= 1); 1 prunes to the target at once. */
  steps: number;
}

/**
 * Checks a schedule, naming the bad field.
 *
 * @example
 * assertPruningSchedule({ sparsity: 0.75, startRound: 2, everyRounds: 2, steps: 3 });
 */
export function assertPruningSchedule(schedule: PruningSchedule, name = 'pruning'): void {
  if (schedule === null || typeof schedule !== 'object')
    throw new TypeError(`${name} must be a PruningSchedule object`);
  const { sparsity, startRound, everyRounds, steps } = schedule;
  if (typeof sparsity !== 'number' || !(sparsity >= 0 && sparsity < 1))
    throw new RangeError(`${name}.sparsity must be a number in [0, 1), got ${String(sparsity)}`);
  for (const [field, value] of [
    ['startRound', startRound],
    ['everyRounds', everyRounds],
    ['steps', steps],
  ] as const) {
    if (!Number.isInteger(value) || value < 1)
      throw new RangeError(`${name}.${field} must be an integer >= 1, got ${String(value)}`);
  }
}

/**
 * The sparsity the global model gets after round `round`: 0 before `startRound`, then
 * `S * (1 - (1 - j / steps)^3)` where j (capped at `steps`) counts the pruning rounds reached
 * (`startRound`, `startRound + everyRounds`, ...), constant between them.
 *
 * @example
 * const schedule = { sparsity: 0.8, startRound: 1, everyRounds: 1, steps: 2 };
 * sparsityAtRound(schedule, 1); // 0.7 = 0.8 * (1 - 0.5^3)
 * sparsityAtRound(schedule, 5); // 0.8
 */
export function sparsityAtRound(schedule: PruningSchedule, round: number): number {
  assertPruningSchedule(schedule);
  if (!Number.isInteger(round) || round < 0) throw new RangeError(`round must be an integer >= 0, got ${round}`);
  if (round < schedule.startRound) return 0;
  const reached = Math.min(schedule.steps, Math.floor((round - schedule.startRound) / schedule.everyRounds) + 1);
  return schedule.sparsity * (1 - (1 - reached / schedule.steps) ** 3);
}
