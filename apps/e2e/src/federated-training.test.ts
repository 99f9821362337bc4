import { DEFAULT_SIMULATION_OPTIONS, runSimulation } from '@edgefl/simulation';

import type { SimulationOptions } from '@edgefl/simulation';

function options(overrides: Partial<SimulationOptions>): SimulationOptions {
  // A constant rate: these short runs check training end to end, not the default cosine schedule (which halves round 2's rate of 2).
  return {
    ...DEFAULT_SIMULATION_OPTIONS,
    secure: false,
    bits: 32,
    quiet: true,
    learningRateSchedule: { kind: 'constant' },
    ...overrides,
  };
}

describe('federated training end to end', () => {
  it('8 clients over real sockets, 3 rounds of the reference model on generated data: the global model gets better', async () => {
    const report = await runSimulation(
      options({
        clients: 8,
        perRound: 8,
        rounds: 3,
        dataset: 'synthetic',
        samplesPerClient: 200,
        localEpochs: 2,
        batchSize: 16,
        learningRate: 0.01,
        threads: 1,
        seed: 3,
        testLimit: 400,
      }),
    );
    expect(report.rounds.map((r) => r.round)).toEqual([1, 2, 3]);
    expect(report.rounds.every((r) => r.participants === 8 && r.dropped === 0)).toBe(true);
    const before = report.initial.accuracy ?? 1;
    const after = report.rounds[2].accuracy ?? 0;
    expect(after).toBeGreaterThan(before + 0.3);
    // Float32 uploads; down, the full float32 model in round 1, then (the default) 8-bit deltas of about a byte per parameter.
    expect(report.rounds.every((r) => r.bytesUp > 8 * report.modelParams * 4)).toBe(true);
    expect(report.rounds.map((r) => r.bytesDown > 8 * report.modelParams * 4)).toEqual([true, false, false]);
    expect(report.rounds.every((r) => r.bytesDown > 8 * report.modelParams)).toBe(true);
  });

  it('trains the same way on a pool of worker threads, each with its own tfjs runtime', async () => {
    const report = await runSimulation(
      options({
        clients: 6,
        perRound: 6,
        rounds: 2,
        dataset: 'synthetic',
        samplesPerClient: 200,
        localEpochs: 2,
        batchSize: 16,
        learningRate: 0.01,
        threads: 2,
        seed: 4,
        testLimit: 400,
      }),
    );
    expect(report.rounds.map((r) => [r.round, r.participants])).toEqual([
      [1, 6],
      [2, 6],
    ]);
    expect(report.config.backends).toEqual(['wasm']);
    expect(report.rounds[1].accuracy ?? 0).toBeGreaterThan((report.initial.accuracy ?? 1) + 0.2);
  });
});
