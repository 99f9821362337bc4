import { DEFAULT_SIMULATION_OPTIONS } from '@edgefl/simulation';
import type { SimulationOptions } from '@edgefl/simulation';

/**
 * A small synthetic run that trains and evaluates (not light), for tests that compare two runs
 * number for number: 6 clients, 3 selected a round and 2 reports enough, 20% dropout, plain rounds
 * at 8 bits, 8x8 inputs and widths [2], 24 examples a client, one epoch of batches of 8 at 0.05,
 * 200 test examples, the cpu backend on one thread, nothing printed. The test names its rounds and
 * seed, and whatever else it is about.
 *
 * @example
 * const report = await runSimulation(smallSyntheticRun({ rounds: 3, seed: 4, coordinatorProcess: true }));
 */
export function smallSyntheticRun(
  overrides: Pick<SimulationOptions, 'rounds' | 'seed'> & Partial<SimulationOptions>,
): SimulationOptions {
  return {
    ...DEFAULT_SIMULATION_OPTIONS,
    clients: 6,
    perRound: 3,
    minReports: 2,
    dataset: 'synthetic',
    inputSize: 8,
    widths: [2],
    samplesPerClient: 24,
    localEpochs: 1,
    batchSize: 8,
    learningRate: 0.05,
    bits: 8,
    secure: false,
    dropout: 0.2,
    roundTimeoutMs: 60_000,
    testLimit: 200,
    backend: 'cpu',
    threads: 1,
    quiet: true,
    ...overrides,
  };
}
