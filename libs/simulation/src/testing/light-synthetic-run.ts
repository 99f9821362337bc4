import { DEFAULT_SIMULATION_OPTIONS } from '../simulation-options';
import type { SimulationOptions } from '../simulation-options';

/**
 * The smallest embedded simulation, for tests: light clients (the LightTrainer, no tfjs; the
 * coordinator evaluates nothing) on one thread, synthetic 8x8 data of one example per client, a
 * model of widths [2], nothing printed. `overrides` add what a test is about (clients, rounds, ...).
 *
 * @example
 * const report = await runSimulation(lightSyntheticRun({ clients: 3, perRound: 3, rounds: 2 }));
 */
export function lightSyntheticRun(overrides: Partial<SimulationOptions> = {}): SimulationOptions {
  return {
    ...DEFAULT_SIMULATION_OPTIONS,
    light: true,
    dataset: 'synthetic',
    inputSize: 8,
    widths: [2],
    samplesPerClient: 1,
    threads: 1,
    quiet: true,
    ...overrides,
  };
}
