/**
 * How the clients' learning rate changes across rounds. The coordinator evaluates it for each
 * round and sends the result as the task's `training.learningRate`, so clients need not know it.
 */
export type LearningRateSchedule =
  | { kind: 'constant' }
  | { kind: 'cosine'; /** the rate approached in the last round (default 0) */ minLearningRate?: number }
  | { kind: 'step'; /** rounds between decays */ every: number; /** multiplier per decay, in (0, 1] */ factor: number };

/** Every `LearningRateSchedule['kind']`. */
export const LEARNING_RATE_SCHEDULE_KINDS = ['constant', 'cosine', 'step'] as const satisfies ReadonlyArray<
  LearningRateSchedule['kind']
>;

/**
 * The learning rate of round `round` (1-based) of `rounds`, from the base rate:
 * constant: base; cosine: min + (base - min) * (1 + cos(pi * (round - 1) / rounds)) / 2 (base in
 * round 1, near min in the last); step: base * factor^floor((round - 1) / every).
 *
 * @example
 * scheduledLearningRate({ kind: 'step', every: 10, factor: 0.5 }, 0.01, 11, 30); // 0.005
 */
export function scheduledLearningRate(
  schedule: LearningRateSchedule,
  base: number,
  round: number,
  rounds: number,
): number {
  if (!(Number.isFinite(base) && base > 0)) throw new RangeError(`base must be a finite number > 0, got ${base}`);
  if (!Number.isInteger(rounds) || rounds < 1) throw new RangeError(`rounds must be an integer >= 1, got ${rounds}`);
  if (!Number.isInteger(round) || round < 1) throw new RangeError(`round must be an integer >= 1, got ${round}`);
  assertLearningRateSchedule(schedule, base);
  switch (schedule.kind) {
    case 'constant':
      return base;
    case 'cosine': {
      const min = schedule.minLearningRate ?? 0;
      const progress = Math.min(round - 1, rounds) / rounds;
      return min + ((base - min) * (1 + Math.cos(Math.PI * progress))) / 2;
    }
    case 'step':
      return base * schedule.factor ** Math.floor((round - 1) / schedule.every);
    default: {
      const unknown: never = schedule;
      throw new RangeError(`unknown schedule ${JSON.stringify(unknown)}`);
    }
  }
}

/** Checks a schedule's fields against the base rate, naming the bad one. */
export function assertLearningRateSchedule(schedule: LearningRateSchedule, base: number): void {
  if (typeof schedule !== 'object' || schedule === null) throw new RangeError('schedule must be an object with a kind');
  const kind = schedule.kind;
  switch (kind) {
    case 'constant':
      return;
    case 'cosine': {
      const min = schedule.minLearningRate ?? 0;
      if (!(Number.isFinite(min) && min >= 0 && min < base))
        throw new RangeError(`schedule.minLearningRate must be in [0, ${base}) (below the base rate), got ${min}`);
      return;
    }
    case 'step':
      if (!Number.isInteger(schedule.every) || schedule.every < 1)
        throw new RangeError(`schedule.every must be an integer >= 1, got ${schedule.every}`);
      if (!(schedule.factor > 0 && schedule.factor <= 1))
        throw new RangeError(`schedule.factor must be in (0, 1], got ${schedule.factor}`);
      return;
    default: {
      const unknown: never = kind;
      throw new RangeError(
        `schedule.kind must be one of ${LEARNING_RATE_SCHEDULE_KINDS.join(', ')}, got ${String(unknown)}`,
      );
    }
  }
}
