import { Coordinator, DEFAULT_COORDINATOR_CONFIG, resolveCoordinatorConfig } from '@edgefl/coordinator';
import type { CoordinatorConfig } from '@edgefl/coordinator';
import { COORDINATOR_HELP, parseCoordinatorArgs } from './coordinator-cli-options';

/** The CLI's config without flags, resolved as main.ts resolves it (through `new Coordinator`). */
function cliDefaults(): CoordinatorConfig {
  const options = parseCoordinatorArgs([], {});
  if (options === 'help') throw new Error('unexpected help');
  return resolveCoordinatorConfig(options.config);
}

describe('one set of defaults for `new Coordinator()` and edgefl-coordinator (issue 16, item 13)', () => {
  it('`new Coordinator()` resolves to exactly what the CLI runs without flags: secure, 8 bits, the same k/t rule', async () => {
    const coordinator = new Coordinator();
    try {
      // The port is the one setting where they differ on purpose: the CLI serves 7070, the library picks a free one.
      const { port: cliPort, ...cli } = cliDefaults();
      const { port: libraryPort, ...library } = coordinator.config;
      expect({ cliPort, libraryPort }).toEqual({ cliPort: 7070, libraryPort: 0 });
      expect(library).toEqual(cli);
      expect(library.secure).toEqual({
        range: 0.1,
        bits: 8,
        weightCap: 1000,
        stageTimeoutMs: 30_000,
        consistencyCheck: true,
        expectedDropout: 0.2,
        corruptedFraction: 0,
      });
      // k and t are left to the per-round rule at both ends, not fixed by either.
      expect(library.secure && library.secure.neighbours).toBeUndefined();
      expect(library.secure && library.secure.threshold).toBeUndefined();
    } finally {
      await coordinator.close(0);
    }
  });

  it('plain rounds are asked for the same way at both ends: `secure: false` is `--no-secure`', () => {
    const options = parseCoordinatorArgs(['--no-secure'], {});
    if (options === 'help') throw new Error('unexpected help');
    const { port: _cliPort, ...cli } = resolveCoordinatorConfig(options.config);
    const { port: _libraryPort, ...library } = resolveCoordinatorConfig({ secure: false });
    expect(library).toEqual(cli);
    expect(library.secure).toBe(false);
    expect(library.encoding).toEqual({ kind: 'float32' });
  });

  it('the help text states the defaults of the one definition', () => {
    const secure = DEFAULT_COORDINATOR_CONFIG.secure;
    if (!secure) throw new Error('the default is secure');
    const line = (flag: string): string => COORDINATOR_HELP.split('\n').find((text) => text.includes(flag)) ?? '';
    expect(line('--secure ')).toMatch(/\(default\)/);
    expect(line('--bits B')).toContain(`(default ${secure.bits} when secure)`);
    expect(line('--clip-range C')).toContain(`(default ${secure.range})`);
    expect(line('--stage-timeout MS')).toContain(`(default ${secure.stageTimeoutMs})`);
    expect(line('--rounds R')).toContain(`(default ${DEFAULT_COORDINATOR_CONFIG.rounds})`);
    expect(line('--learning-rate LR')).toContain(`(default ${DEFAULT_COORDINATOR_CONFIG.training.learningRate})`);
  });
});
