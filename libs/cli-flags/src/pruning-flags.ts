import { assertPruningSchedule } from '@edgefl/aggregation';
import type { PruningSchedule } from '@edgefl/aggregation';
import type { FlagReader } from './flag-reader';

/** Help lines of the pruning flags, shared by both CLIs. */
export const PRUNING_FLAGS_HELP = `  --prune-sparsity S     prune the global model's kernels by magnitude to S zeros (0 < S < 1) after
                         aggregation, on a cubic ramp (default: no pruning)
  --prune-start R        first pruned round (default 2)
  --prune-every K        rounds between sparsity increases (default 1)
  --prune-steps N        increases to reach S, at round R + (N - 1) K (default 4)
`;

/**
 * The pruning schedule of `--prune-sparsity S [--prune-start R] [--prune-every K]
 * [--prune-steps N]`, or undefined without `--prune-sparsity`; the other flags alone are refused.
 *
 * @example
 * readPruningFlags(flags); // { sparsity: 0.75, startRound: 2, everyRounds: 1, steps: 4 }
 */
export function readPruningFlags(flags: FlagReader): PruningSchedule | undefined {
  const sparsity = flags.number('prune-sparsity', { positive: true });
  const startRound = flags.integer('prune-start', { min: 1 });
  const everyRounds = flags.integer('prune-every', { min: 1 });
  const steps = flags.integer('prune-steps', { min: 1 });
  if (sparsity === undefined) {
    if (startRound !== undefined || everyRounds !== undefined || steps !== undefined) {
      throw new RangeError('--prune-start, --prune-every and --prune-steps need --prune-sparsity');
    }
    return undefined;
  }
  if (sparsity >= 1) throw new RangeError(`--prune-sparsity must be below 1, got ${sparsity}`);
  const schedule: PruningSchedule = {
    sparsity,
    // Defaults: the best schedule measured at 8 rounds (docs/BENCHMARKS.md, "Pruned artifacts").
    startRound: startRound ?? 2,
    everyRounds: everyRounds ?? 1,
    steps: steps ?? 4,
  };
  assertPruningSchedule(schedule, '--prune');
  return schedule;
}
