import type { SimulationOptions } from '@edgefl/simulation';
import { parseSimulationArgs } from './parse-simulation-args';

describe('parseSimulationArgs', () => {
  it('reads every documented flag', () => {
    const options = parseSimulationArgs([
      '--clients',
      '50',
      '--per-round',
      '10',
      '--rounds',
      '30',
      '--dataset',
      'fashion-mnist',
      '--partition',
      'dirichlet:0.5',
      '--local-epochs',
      '2',
      '--batch-size',
      '64',
      '--seed',
      '9',
      '--out',
      'runs/x',
      '--bits',
      '4',
      '--threads',
      '1',
    ]);
    expect(options).toMatchObject({
      clients: 50,
      perRound: 10,
      rounds: 30,
      dataset: 'fashion-mnist',
      partition: 'dirichlet:0.5',
      localEpochs: 2,
      batchSize: 64,
      seed: 9,
      out: 'runs/x',
      bits: 4,
      threads: 1,
    });
  });

  it('answers --help', () => {
    expect(parseSimulationArgs(['--help'])).toBe('help');
  });

  it('names the bad flag', () => {
    expect(() => parseSimulationArgs(['--clients', 'many'])).toThrow(/--clients must be an integer/);
    expect(() => parseSimulationArgs(['--bits', '24'])).toThrow(/--bits must be 1-16 or 32/);
    expect(() => parseSimulationArgs(['--dropout', '2'])).toThrow(/--dropout must be a probability/);
    expect(() => parseSimulationArgs(['--dataset', 'cifar'])).toThrow(/--dataset must be one of/);
    expect(() => parseSimulationArgs(['--no-such-flag'])).toThrow(/no-such-flag/);
  });

  it("selects the plain rounds' aggregator and norm bound, and refuses robust aggregators with secure rounds", () => {
    expect(parseSimulationArgs([])).toMatchObject({ aggregator: { kind: 'fedavg' } });
    expect(
      parseSimulationArgs(['--no-secure', '--aggregator', 'trimmed-mean', '--trim', '0.25', '--max-update-norm', '3']),
    ).toMatchObject({
      aggregator: { kind: 'trimmed-mean', trim: 0.25 },
      maxUpdateNorm: 3,
    });
    expect(parseSimulationArgs(['--no-secure', '--aggregator', 'multi-krum', '--byzantine', '2'])).toMatchObject({
      aggregator: { kind: 'multi-krum', byzantine: 2 },
    });
    expect(() => parseSimulationArgs(['--secure', '--aggregator', 'median'])).toThrow(
      /needs plain rounds: with secure aggregation the coordinator only learns the cohort's sum/,
    );
  });
});

describe('parseSimulationArgs DP flags', () => {
  it('turns DP on with --dp-clip; the population defaults to --clients', () => {
    const options = parseSimulationArgs(['--clients', '1000', '--dp-clip', '1', '--dp-epsilon', '8']);
    expect(options).toMatchObject({ dp: { clip: 1, epsilon: 8, population: 1000 } });
    expect(parseSimulationArgs(['--clients', '10'])).not.toHaveProperty('dp');
  });
});

describe('parseSimulationArgs server optimizer', () => {
  it('selects the server optimizer and its hyperparameters, naming bad ones', () => {
    expect((parseSimulationArgs([]) as SimulationOptions).serverOptimizer).toEqual({ kind: 'fedavg' });
    expect(
      (
        parseSimulationArgs([
          '--server-optimizer',
          'fedadam',
          '--server-lr',
          '0.02',
          '--tau',
          '0.01',
        ]) as SimulationOptions
      ).serverOptimizer,
    ).toEqual({
      kind: 'fedadam',
      learningRate: 0.02,
      epsilon: 0.01,
    });
    expect(() => parseSimulationArgs(['--server-optimizer', 'fedavg', '--server-momentum', '0.9'])).toThrow(
      '--server-momentum does not apply to --server-optimizer fedavg',
    );
  });
});

describe('parseSimulationArgs local training', () => {
  it('reads local steps, FedProx mu and the learning-rate schedule', () => {
    expect(
      parseSimulationArgs(['--local-steps', '30', '--proximal-mu', '0.01', '--lr-schedule', 'constant']),
    ).toMatchObject({
      localSteps: 30,
      proximalMu: 0.01,
      learningRateSchedule: { kind: 'constant' },
    });
    expect(parseSimulationArgs([])).toMatchObject({ learningRateSchedule: { kind: 'cosine' } });
    expect(() => parseSimulationArgs(['--lr-step-every', '5'])).toThrow(
      '--lr-step-every applies to --lr-schedule step only, got --lr-schedule cosine',
    );
  });
});

describe('parseSimulationArgs --coordinator-process', () => {
  it('asks for the embedded coordinator in its own process, and leaves the choice to the open-file limit without it', () => {
    expect(parseSimulationArgs(['--coordinator-process'])).toMatchObject({ coordinatorProcess: true });
    expect(parseSimulationArgs([])).not.toHaveProperty('coordinatorProcess');
  });
});
