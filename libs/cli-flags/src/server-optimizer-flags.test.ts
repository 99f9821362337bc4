import { FlagReader } from './flag-reader';
import { readServerOptimizerFlags } from './server-optimizer-flags';

const reader = (values: Record<string, string>) => new FlagReader((name) => values[name]);

describe('readServerOptimizerFlags', () => {
  it('reads each optimizer with only the hyperparameters given', () => {
    expect(readServerOptimizerFlags(reader({}))).toEqual({ kind: 'fedavg' });
    expect(readServerOptimizerFlags(reader({ 'server-optimizer': 'fedavg', 'server-lr': '0.5' }))).toEqual({
      kind: 'fedavg',
      learningRate: 0.5,
    });
    expect(readServerOptimizerFlags(reader({ 'server-optimizer': 'fedavgm', 'server-momentum': '0.7' }))).toEqual({
      kind: 'fedavgm',
      momentum: 0.7,
    });
    expect(
      readServerOptimizerFlags(
        reader({ 'server-optimizer': 'fedyogi', 'server-lr': '0.03', beta2: '0.999', tau: '0.001' }),
      ),
    ).toEqual({
      kind: 'fedyogi',
      learningRate: 0.03,
      beta2: 0.999,
      epsilon: 0.001,
    });
    expect(readServerOptimizerFlags(reader({ 'server-optimizer': 'fedadagrad', beta1: '0' }))).toEqual({
      kind: 'fedadagrad',
      beta1: 0,
    });
  });

  it('names a bad value and a hyperparameter the optimizer does not use', () => {
    expect(() => readServerOptimizerFlags(reader({ 'server-optimizer': 'sgd' }))).toThrow(
      '--server-optimizer must be one of fedavg, fedavgm, fedadam, fedyogi, fedadagrad, got sgd',
    );
    expect(() => readServerOptimizerFlags(reader({ 'server-optimizer': 'fedadam', beta2: '1' }))).toThrow(
      '--beta2 must be in [0, 1), got 1',
    );
    expect(() => readServerOptimizerFlags(reader({ tau: '0.1' }))).toThrow(
      '--tau does not apply to --server-optimizer fedavg',
    );
    expect(() => readServerOptimizerFlags(reader({ 'server-optimizer': 'fedadagrad', beta2: '0.9' }))).toThrow(
      '--beta2 does not apply to --server-optimizer fedadagrad',
    );
    expect(() => readServerOptimizerFlags(reader({ 'server-lr': '0' }))).toThrow(
      '--server-lr must be a positive number, got 0',
    );
  });
});
