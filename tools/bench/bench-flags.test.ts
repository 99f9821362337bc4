import { BenchFlagError, benchFlagsHelp, parseBenchFlags } from './bench-flags';

const SPECS = {
  json: { kind: 'string', placeholder: 'FILE', help: 'write rows as JSON' },
  sizes: { kind: 'integers', min: 3, max: 65535, default: [10, 100], help: 'cohort sizes' },
  dropouts: { kind: 'numbers', min: 0, below: 1, default: [0, 0.2], help: 'dropout rates' },
  trials: { kind: 'integer', min: 1, default: 2000, help: 'Monte Carlo trials' },
  delta: { kind: 'number', min: 0, help: 'delta' },
  epsilons: { kind: 'numbers', min: 0, infinity: true, help: 'privacy budgets' },
  mode: { kind: 'choice', values: ['fast', 'full'], default: 'fast', help: 'how much to run' },
  configs: { kind: 'strings', default: ['fedavg'], help: 'configurations' },
  'no-check': { kind: 'boolean', help: 'skip the check' },
} as const;

function values(argv: string[]) {
  const parsed = parseBenchFlags(SPECS, argv);
  if (parsed.kind !== 'values') throw new Error('expected values');
  return parsed.values;
}

function failure(argv: string[]): string {
  try {
    parseBenchFlags(SPECS, argv);
  } catch (error) {
    if (error instanceof BenchFlagError) return error.message;
    throw error;
  }
  throw new Error(`parsed ${argv.join(' ')} without an error`);
}

describe('parseBenchFlags', () => {
  it('gives the defaults, false for absent booleans and undefined for absent flags without a default', () => {
    expect(values([])).toEqual({
      json: undefined,
      sizes: [10, 100],
      dropouts: [0, 0.2],
      trials: 2000,
      delta: undefined,
      epsilons: undefined,
      mode: 'fast',
      configs: ['fedavg'],
      'no-check': false,
    });
  });

  it('reads typed values given as --name value and --name=value', () => {
    const read = values([
      '--json',
      'out/secagg.json',
      '--sizes=10,20',
      '--dropouts',
      '0.1',
      '--trials=5',
      '--delta',
      '1e-5',
      '--epsilons',
      'inf,8',
      '--mode',
      'full',
      '--configs',
      'fedavg, fedprox',
      '--no-check',
    ]);
    expect(read).toEqual({
      json: 'out/secagg.json',
      sizes: [10, 20],
      dropouts: [0.1],
      trials: 5,
      delta: 1e-5,
      epsilons: [Number.POSITIVE_INFINITY, 8],
      mode: 'full',
      configs: ['fedavg', 'fedprox'],
      'no-check': true,
    });
  });

  it('does not share a default list between reads', () => {
    values([]).sizes.push(7);
    expect(values([]).sizes).toEqual([10, 100]);
  });

  it('rejects an unknown flag, naming it and the known ones', () => {
    expect(failure(['--sizes', '10', '--mc-trails', '5'])).toBe(
      'unknown flag --mc-trails; known flags: --json, --sizes, --dropouts, --trials, --delta, --epsilons, --mode, --configs, --no-check',
    );
  });

  it('rejects an unknown flag even when it looks like a property of every object', () => {
    expect(failure(['--constructor', 'x'])).toMatch(/^unknown flag --constructor;/);
  });

  it.each([
    [['--json'], '--json needs a value'],
    [['--trials', ''], '--trials needs a value'],
    [['--trials', '0'], '--trials takes an integer >= 1, got 0'],
    [['--trials', '2.5'], '--trials takes an integer >= 1, got 2.5'],
    [['--sizes', '10,2'], '--sizes takes integers in 3..65535, got 10,2'],
    [['--sizes', '10,,20'], '--sizes takes integers in 3..65535, got 10,,20'],
    [['--dropouts', '0,1'], '--dropouts takes numbers >= 0 and < 1, got 0,1'],
    [['--dropouts', 'inf'], '--dropouts takes numbers >= 0 and < 1, got inf'],
    [['--delta', 'abc'], '--delta takes a number >= 0, got abc'],
    [['--delta', 'inf'], '--delta takes a number >= 0, got inf'],
    [['--delta', 'Infinity'], '--delta takes a number >= 0, got Infinity'],
    [['--epsilons', '8,-1'], '--epsilons takes numbers >= 0 or inf, got 8,-1'],
    [['--mode', 'slow'], '--mode must be one of fast, full, got slow'],
    [['--no-check=yes'], '--no-check takes no value, got --no-check=yes'],
    [['--trials', '3', '--trials', '4'], '--trials is given twice'],
    [['10'], 'unexpected argument "10": every argument is a --flag (see --help)'],
  ])('rejects %j, naming the flag: %s', (argv, message) => {
    expect(failure(argv)).toBe(message);
  });

  it('answers --help and -h with a request for help, wherever they stand', () => {
    expect(parseBenchFlags(SPECS, ['--sizes', '10', '--help']).kind).toBe('help');
    expect(parseBenchFlags(SPECS, ['-h']).kind).toBe('help');
  });

  it('takes the value after a flag as it stands, even when it starts with a dash', () => {
    const parsed = parseBenchFlags({ offset: { kind: 'number', help: 'an offset' } }, ['--offset', '-2']);
    expect(parsed).toEqual({ kind: 'values', values: { offset: -2 } });
  });
});

describe('benchFlagsHelp', () => {
  it('lists every flag with its value form, help and default, and --help itself', () => {
    const text = benchFlagsHelp('npm run bench:x -- [flags]', 'What x measures.', SPECS);
    const lines = text.split('\n');
    expect(lines.slice(0, 3)).toEqual(['usage: npm run bench:x -- [flags]', '', 'What x measures.']);
    expect(text).toContain('--json FILE');
    expect(text).toMatch(/--sizes N,N,\.\.\. +cohort sizes \(default 10,100\)/);
    expect(text).toMatch(/--mode fast\|full +how much to run \(default fast\)/);
    expect(text).toMatch(/--no-check +skip the check\n/);
    expect(lines.at(-1)).toMatch(/^ {2}--help, -h +print this help$/);
  });
});
