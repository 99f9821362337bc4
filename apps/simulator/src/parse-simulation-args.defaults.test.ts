import { DEFAULT_COORDINATOR_CONFIG, resolveCoordinatorConfig } from '@edgefl/coordinator';
import { DEFAULT_SIMULATION_OPTIONS } from '@edgefl/simulation';
import type { SimulationOptions } from '@edgefl/simulation';
import { SIMULATION_HELP, parseSimulationArgs } from './parse-simulation-args';

function parse(argv: string[]): SimulationOptions {
  const options = parseSimulationArgs(argv);
  if (options === 'help') throw new Error('unexpected help');
  return options;
}

describe('edgefl-sim defaults are the coordinator library defaults (issue 16, item 13)', () => {
  it('without flags: secure rounds on the same grid, rounds, goal, training, schedule, downlink and k/t rule as `new Coordinator()`', () => {
    const library = resolveCoordinatorConfig();
    if (!library.secure) throw new Error('the library default is secure');
    const sim = parse([]);
    expect({
      secure: sim.secure,
      bits: sim.bits,
      clipRange: sim.clipRange,
      expectedDropout: sim.expectedDropout,
      corruptedFraction: sim.corruptedFraction,
      neighbours: sim.neighbours,
      threshold: sim.threshold,
      rounds: sim.rounds,
      perRound: sim.perRound,
      roundTimeoutMs: sim.roundTimeoutMs,
      training: {
        epochs: sim.localEpochs,
        batchSize: sim.batchSize,
        learningRate: sim.learningRate,
        optimizer: sim.optimizer,
      },
      learningRateSchedule: sim.learningRateSchedule,
      downlink: sim.downlink,
    }).toEqual({
      secure: true,
      bits: library.secure.bits,
      clipRange: library.secure.range,
      expectedDropout: library.secure.expectedDropout,
      corruptedFraction: library.secure.corruptedFraction,
      neighbours: library.secure.neighbours,
      threshold: library.secure.threshold,
      rounds: library.rounds,
      perRound: library.clientsPerRound,
      roundTimeoutMs: library.roundTimeoutMs,
      training: library.training,
      learningRateSchedule: library.learningRateSchedule,
      downlink: library.downlink && { bits: library.downlink.bits, maxLag: library.downlink.maxLag },
    });
  });

  it('--no-secure is plain float32 at both ends, and DEFAULT_SIMULATION_OPTIONS are the CLI defaults', () => {
    expect(parse(['--no-secure'])).toMatchObject({ secure: false, bits: 32 });
    expect(resolveCoordinatorConfig({ secure: false }).encoding).toEqual({ kind: 'float32' });
    const { threads: _threads, ...cli } = parse([]);
    const { threads: _defaultThreads, ...library } = DEFAULT_SIMULATION_OPTIONS;
    expect(cli).toMatchObject(library);
  });

  it('the help text states the one definition', () => {
    const line = (flag: string): string => SIMULATION_HELP.split('\n').find((text) => text.includes(flag)) ?? '';
    expect(line('--bits B')).toContain(
      `(default ${DEFAULT_COORDINATOR_CONFIG.secure && DEFAULT_COORDINATOR_CONFIG.secure.bits} when secure)`,
    );
    expect(line('--rounds R')).toContain(`(default ${DEFAULT_COORDINATOR_CONFIG.rounds})`);
    expect(line('--secure ')).toMatch(/\(default\)/);
  });
});
