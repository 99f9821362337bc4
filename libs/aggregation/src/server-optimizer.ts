/**
 * Server-side update rule applied to the aggregated mean delta (Reddi et al. 2021, "Adaptive
 * Federated Optimization": the mean delta is a pseudo-gradient, negated).
 *
 * An implementer must return a fresh array, never mutate `global` or `meanDelta`, and keep any
 * state (momentum, second moments) inside the instance: one instance per training run.
 *
 * @example
 * const optimizer = createServerOptimizer({ kind: 'fedavgm', momentum: 0.9 });
 * const next = optimizer.step(global, fedAvg(updates));
 */
export interface ServerOptimizer {
  readonly name: string;
  /** Returns the new global weights; must not mutate its inputs. */
  step(global: Float32Array, meanDelta: Float32Array): Float32Array;
}

/** Configuration accepted by `createServerOptimizer`; defaults are documented per field. */
export type ServerOptimizerConfig =
  | { kind: 'fedavg'; /** default 1 (plain FedAvg) */ learningRate?: number }
  | {
      kind: 'fedavgm';
      /** default 1 - momentum (effective rate 1) */ learningRate?: number;
      /** default 0.9 */ momentum?: number;
    }
  | {
      kind: 'fedadam';
      /** default 0.01 */ learningRate?: number;
      /** default 0.9 */ beta1?: number;
      /** default 0.99 */ beta2?: number;
      /** adaptivity tau, default 1e-3 */ epsilon?: number;
    }
  | {
      kind: 'fedyogi';
      /** default 0.01 */ learningRate?: number;
      /** default 0.9 */ beta1?: number;
      /** default 0.99 */ beta2?: number;
      /** adaptivity tau, default 1e-3 */ epsilon?: number;
    }
  | {
      kind: 'fedadagrad';
      /** default 0.01 */ learningRate?: number;
      /** default 0.9 */ beta1?: number;
      /** adaptivity tau, default 1e-3 */ epsilon?: number;
    };

/** Every `ServerOptimizerConfig['kind']`, for flag parsers and error messages. */
export const SERVER_OPTIMIZER_KINDS = [
  'fedavg',
  'fedavgm',
  'fedadam',
  'fedyogi',
  'fedadagrad',
] as const satisfies ReadonlyArray<ServerOptimizerConfig['kind']>;
