import type { LearningRateSchedule } from '@edgefl/aggregation';
import { LEARNING_RATE_SCHEDULE_KINDS } from '@edgefl/aggregation';
import type { FlagReader } from './flag-reader';

/** What `--local-steps`, `--proximal-mu` and the `--lr-*` schedule flags mean together, for both CLIs. */
export interface LocalTrainingFlags {
  /** Local minibatch steps per round instead of epochs; undefined: `--local-epochs` passes. */
  steps?: number;
  /** FedProx's mu; undefined when not given or 0 (plain FedAvg clients). */
  proximalMu?: number;
  schedule: LearningRateSchedule;
}

/** The help lines of these flags, shared by both CLIs, with the schedule the CLI defaults to. */
export const localTrainingHelp = (
  defaultSchedule: LearningRateSchedule['kind'],
): string => `  --local-steps N        local work as N minibatch steps per round instead of --local-epochs passes (default: epochs)
  --proximal-mu MU       FedProx: clients minimize loss + MU/2 ||w - w_global||^2 (default 0: off)
  --lr-schedule S        clients' learning rate across rounds: constant | cosine | step (default ${defaultSchedule})
  --lr-min LR            cosine: the rate approached in the last round (default 0)
  --lr-step-every N      step: rounds between decays (default 10)
  --lr-step-factor F     step: multiplier per decay, 0 < F <= 1 (default 0.5)
`;

/** Flag declarations (`node:util` parseArgs form). */
export const LOCAL_TRAINING_FLAG_OPTIONS = {
  'local-steps': { type: 'string' },
  'proximal-mu': { type: 'string' },
  'lr-schedule': { type: 'string' },
  'lr-min': { type: 'string' },
  'lr-step-every': { type: 'string' },
  'lr-step-factor': { type: 'string' },
} as const;

/**
 * Reads local steps, FedProx's mu and the learning-rate schedule (`defaultSchedule` when
 * `--lr-schedule` is not given), refusing a schedule parameter that the chosen schedule does not use.
 *
 * @example
 * readLocalTrainingFlags(flags, 'cosine'); // { schedule: { kind: 'cosine' } }
 */
export function readLocalTrainingFlags(
  flags: FlagReader,
  defaultSchedule: LearningRateSchedule['kind'],
): LocalTrainingFlags {
  const kind = flags.choice('lr-schedule', LEARNING_RATE_SCHEDULE_KINDS, defaultSchedule);
  const onlyFor = (name: string, wanted: LearningRateSchedule['kind']): void => {
    if (flags.raw(name) !== undefined && kind !== wanted)
      throw new RangeError(`--${name} applies to --lr-schedule ${wanted} only, got --lr-schedule ${kind}`);
  };
  onlyFor('lr-min', 'cosine');
  onlyFor('lr-step-every', 'step');
  onlyFor('lr-step-factor', 'step');
  let schedule: LearningRateSchedule;
  switch (kind) {
    case 'constant':
      schedule = { kind };
      break;
    case 'cosine': {
      const min = flags.number('lr-min', { min: 0 });
      schedule = min === undefined ? { kind } : { kind, minLearningRate: min };
      break;
    }
    case 'step': {
      const factor = flags.number('lr-step-factor', { positive: true, fallback: 0.5 });
      if (factor > 1) throw new RangeError(`--lr-step-factor must be in (0, 1], got ${factor}`);
      schedule = { kind, every: flags.integer('lr-step-every', { min: 1, fallback: 10 }), factor };
      break;
    }
    default: {
      const unknown: never = kind;
      throw new RangeError(`--lr-schedule ${String(unknown)}`);
    }
  }
  const steps = flags.integer('local-steps', { min: 1 });
  const mu = flags.number('proximal-mu', { min: 0 });
  return { ...(steps === undefined ? {} : { steps }), ...(mu ? { proximalMu: mu } : {}), schedule };
}
