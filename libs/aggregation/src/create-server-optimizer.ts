import { FedAdagradOptimizer } from './fed-adagrad-optimizer';
import { FedAdamOptimizer } from './fed-adam-optimizer';
import { FedAvgMOptimizer } from './fed-avg-m-optimizer';
import { FedAvgOptimizer } from './fed-avg-optimizer';
import { FedYogiOptimizer } from './fed-yogi-optimizer';
import type { ServerOptimizer, ServerOptimizerConfig } from './server-optimizer';

/**
 * Builds a fresh server optimizer (with fresh state) from a config.
 *
 * @example
 * createServerOptimizer({ kind: 'fedavg' });                        // plain FedAvg
 * createServerOptimizer({ kind: 'fedavgm', momentum: 0.9 });        // server momentum
 * createServerOptimizer({ kind: 'fedadam', learningRate: 0.01 });   // adaptive (Reddi et al. 2021)
 */
export function createServerOptimizer(config: ServerOptimizerConfig): ServerOptimizer {
  if (typeof config !== 'object' || config === null) throw new Error('config must be an object with a kind');
  const kind = config.kind;
  switch (kind) {
    case 'fedavg':
      return new FedAvgOptimizer(config.learningRate);
    case 'fedavgm':
      return new FedAvgMOptimizer(config.learningRate, config.momentum);
    case 'fedadam':
      return new FedAdamOptimizer(config);
    case 'fedyogi':
      return new FedYogiOptimizer(config);
    case 'fedadagrad':
      return new FedAdagradOptimizer(config);
    default: {
      const unknownKind: never = kind;
      throw new Error(
        `config.kind must be one of fedavg, fedavgm, fedadam, fedyogi, fedadagrad, got ${String(unknownKind)}`,
      );
    }
  }
}
