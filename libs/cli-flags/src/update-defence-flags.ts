import type { AggregatorConfig } from '@edgefl/aggregation';
import { AGGREGATOR_KINDS } from '@edgefl/aggregation';
import type { FlagReader } from './flag-reader';

/** What `--aggregator`, `--trim`, `--byzantine`, `--krum-select` and `--max-update-norm` mean together, for both CLIs. */
export interface UpdateDefenceFlags {
  aggregator: AggregatorConfig;
  /** Plain rounds' L2 bound per update; null when `--max-update-norm off`; undefined when not given (the coordinator's default). */
  maxUpdateNorm?: number | null;
}

/** The help lines of these flags, shared by both CLIs. */
export const UPDATE_DEFENCE_HELP = `  --aggregator A         plain rounds: fedavg | median | trimmed-mean | multi-krum (default fedavg);
                         the robust ones need --no-secure (the server sees only the sum of secure rounds)
  --trim F               trimmed-mean: fraction cut at each end per coordinate, 0 < F < 0.5 (default 0.2)
  --byzantine F          multi-krum: attackers tolerated; needs --min-reports >= 2F + 3 (default 1)
  --krum-select M        multi-krum: updates averaged (default: reports - F)
  --max-update-norm N    plain rounds: updates longer than N (L2) are scaled down to N; off disables (default 10)
`;

/**
 * Reads the plain rounds' defence flags, refusing a robust aggregator or a norm bound with
 * secure rounds with a message that says why and what to do instead.
 *
 * @example
 * readUpdateDefenceFlags(flags, { secure: false }); // { aggregator: { kind: 'fedavg' } }
 */
export function readUpdateDefenceFlags(flags: FlagReader, round: { secure: boolean }): UpdateDefenceFlags {
  const kind = flags.choice('aggregator', AGGREGATOR_KINDS, 'fedavg');
  const onlyFor = (name: string, wanted: AggregatorConfig['kind']): void => {
    if (flags.raw(name) !== undefined && kind !== wanted)
      throw new RangeError(`--${name} applies to --aggregator ${wanted} only, got --aggregator ${kind}`);
  };
  onlyFor('trim', 'trimmed-mean');
  onlyFor('byzantine', 'multi-krum');
  onlyFor('krum-select', 'multi-krum');
  if (round.secure && kind !== 'fedavg') {
    throw new RangeError(
      `--aggregator ${kind} needs plain rounds: with secure aggregation the coordinator only learns the cohort's sum, never a single update, ` +
        'so it cannot take a median, trim or score updates. Add --no-secure, or keep fedavg (secure rounds bound each client by --clip-range and --weight-cap)',
    );
  }
  const normText = flags.raw('max-update-norm');
  if (round.secure && normText !== undefined) {
    throw new RangeError(
      '--max-update-norm bounds plain updates, which the coordinator of a secure round never sees: secure rounds clip each value to --clip-range on the client instead',
    );
  }
  const maxUpdateNorm = normText === 'off' ? null : flags.number('max-update-norm', { positive: true });
  let aggregator: AggregatorConfig;
  switch (kind) {
    case 'fedavg':
    case 'median':
      aggregator = { kind };
      break;
    case 'trimmed-mean': {
      const trim = flags.number('trim', { positive: true, fallback: 0.2 });
      if (trim >= 0.5) throw new RangeError(`--trim must be below 0.5, got ${trim}`);
      aggregator = { kind, trim };
      break;
    }
    case 'multi-krum': {
      const select = flags.integer('krum-select', { min: 1 });
      aggregator = {
        kind,
        byzantine: flags.integer('byzantine', { min: 1, fallback: 1 }),
        ...(select === undefined ? {} : { select }),
      };
      break;
    }
    default: {
      const unknown: never = kind;
      throw new RangeError(`--aggregator ${String(unknown)}`);
    }
  }
  return maxUpdateNorm === undefined ? { aggregator } : { aggregator, maxUpdateNorm };
}
