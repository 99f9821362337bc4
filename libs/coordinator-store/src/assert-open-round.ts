import type { OpenRound } from './open-round';

/** Checks an {@link OpenRound} before it is stored; throws a TypeError naming the bad field. */
export function assertOpenRound(open: OpenRound): void {
  if (typeof open !== 'object' || open === null) throw new TypeError('open round must be an object');
  for (const field of ['runId', 'roundId', 'stage', 'leaderNodeId'] as const)
    if (typeof open[field] !== 'string' || open[field].length === 0)
      throw new TypeError(`open.${field} must be a non-empty string, got ${JSON.stringify(open[field])}`);
  for (const field of ['round', 'attempt', 'modelVersion'] as const)
    if (!Number.isSafeInteger(open[field]) || open[field] < 0)
      throw new TypeError(`open.${field} must be a non-negative integer, got ${String(open[field])}`);
  for (const field of ['deadline', 'startedAt'] as const)
    if (!Number.isFinite(open[field]))
      throw new TypeError(`open.${field} must be a finite number, got ${String(open[field])}`);
  if (typeof open.secure !== 'boolean')
    throw new TypeError(`open.secure must be a boolean, got ${String(open.secure)}`);
  if (!Array.isArray(open.cohort) || !open.cohort.every((id) => typeof id === 'string'))
    throw new TypeError('open.cohort must be an array of client id strings');
}

/** The stored fields of `open` only, in a fixed order (what a store serializes). */
export function openRoundFields(open: OpenRound): OpenRound {
  const { runId, round, attempt, roundId, stage, modelVersion, cohort, deadline, secure, startedAt, leaderNodeId } =
    open;
  return {
    runId,
    round,
    attempt,
    roundId,
    stage,
    modelVersion,
    cohort: [...cohort],
    deadline,
    secure,
    startedAt,
    leaderNodeId,
  };
}
