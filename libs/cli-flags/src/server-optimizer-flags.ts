import type { ServerOptimizerConfig } from '@edgefl/aggregation';
import { SERVER_OPTIMIZER_KINDS } from '@edgefl/aggregation';
import type { FlagReader } from './flag-reader';

/** The help lines of the server optimizer flags, shared by both CLIs. */
export const SERVER_OPTIMIZER_HELP = `  --server-optimizer O   step applied to the round's aggregate (plain and secure rounds):
                         fedavg | fedavgm | fedadam | fedyogi | fedadagrad (default fedavg)
  --server-lr LR         server learning rate (default 1 for fedavg, 1 - momentum for fedavgm, 0.01 for the adaptive ones)
  --server-momentum B    fedavgm: momentum (default 0.9)
  --beta1 B              fedadam/fedyogi/fedadagrad: first-moment decay (default 0.9)
  --beta2 B              fedadam/fedyogi: second-moment decay (default 0.99)
  --tau T                fedadam/fedyogi/fedadagrad: adaptivity (default 1e-3)
`;

/** Flag declarations (`node:util` parseArgs form) of the server optimizer flags. */
export const SERVER_OPTIMIZER_FLAG_OPTIONS = {
  'server-optimizer': { type: 'string' },
  'server-lr': { type: 'string' },
  'server-momentum': { type: 'string' },
  beta1: { type: 'string' },
  beta2: { type: 'string' },
  tau: { type: 'string' },
} as const;

/**
 * Reads `--server-optimizer` and its hyperparameters; a hyperparameter the chosen optimizer does
 * not use is refused by name, so a typo cannot silently run a different experiment.
 *
 * @example
 * readServerOptimizerFlags(flags); // { kind: 'fedavg' }
 * // --server-optimizer fedyogi --server-lr 0.03 -> { kind: 'fedyogi', learningRate: 0.03 }
 */
export function readServerOptimizerFlags(flags: FlagReader): ServerOptimizerConfig {
  const kind = flags.choice('server-optimizer', SERVER_OPTIMIZER_KINDS, 'fedavg');
  const uses: Record<ServerOptimizerConfig['kind'], readonly string[]> = {
    fedavg: [],
    fedavgm: ['server-momentum'],
    fedadam: ['beta1', 'beta2', 'tau'],
    fedyogi: ['beta1', 'beta2', 'tau'],
    fedadagrad: ['beta1', 'tau'],
  };
  for (const name of ['server-momentum', 'beta1', 'beta2', 'tau']) {
    if (flags.raw(name) !== undefined && !uses[kind].includes(name)) {
      throw new RangeError(`--${name} does not apply to --server-optimizer ${kind}`);
    }
  }
  const decay = (name: string): number | undefined => {
    const value = flags.number(name, { min: 0 });
    if (value !== undefined && value >= 1) throw new RangeError(`--${name} must be in [0, 1), got ${value}`);
    return value;
  };
  const learningRate = flags.number('server-lr', { positive: true });
  const defined = <T extends object>(config: T): T =>
    Object.fromEntries(Object.entries(config).filter(([, value]) => value !== undefined)) as T;
  switch (kind) {
    case 'fedavg':
      return defined({ kind, learningRate });
    case 'fedavgm': {
      const momentum = flags.number('server-momentum', { min: 0 });
      if (momentum !== undefined && momentum > 1)
        throw new RangeError(`--server-momentum must be in [0, 1], got ${momentum}`);
      return defined({ kind, learningRate, momentum });
    }
    case 'fedadam':
    case 'fedyogi':
      return defined({
        kind,
        learningRate,
        beta1: decay('beta1'),
        beta2: decay('beta2'),
        epsilon: flags.number('tau', { positive: true }),
      });
    case 'fedadagrad':
      return defined({ kind, learningRate, beta1: decay('beta1'), epsilon: flags.number('tau', { positive: true }) });
    default: {
      const unknown: never = kind;
      throw new RangeError(`--server-optimizer ${String(unknown)}`);
    }
  }
}
