/**
 * The one flag reader of the bench scripts: each script declares its flags (kind, bounds, default,
 * help) and gets typed values back; `--help` prints the declared flags, and an unknown flag, a
 * missing value or a value out of bounds is an error that names the flag.
 *
 * @example
 * const flags = readBenchFlags('quant', 'Quantization throughput.', {
 *   size: { kind: 'integer', min: 1, default: 1_000_000, help: 'values per update' },
 * });
 * flags.size; // number
 * flags.json; // string | undefined
 */

interface FlagBase {
  /** One line for `--help`. */
  readonly help: string;
}

/** How one flag is read. Without a `default` the value is `undefined` when the flag is absent. */
export type FlagSpec =
  | (FlagBase & { readonly kind: 'boolean' })
  | (FlagBase & { readonly kind: 'string'; readonly default?: string; readonly placeholder?: string })
  | (FlagBase & { readonly kind: 'integer'; readonly min: number; readonly max?: number; readonly default?: number })
  | (FlagBase & {
      readonly kind: 'number';
      readonly min?: number;
      readonly below?: number;
      /** Accept `inf` (Infinity); other values are finite. */
      readonly infinity?: boolean;
      readonly default?: number;
    })
  | (FlagBase & {
      readonly kind: 'integers';
      readonly min: number;
      readonly max?: number;
      readonly default?: readonly number[];
    })
  | (FlagBase & {
      readonly kind: 'numbers';
      readonly min?: number;
      readonly below?: number;
      /** Accept `inf` (Infinity) in the list; other values are finite. */
      readonly infinity?: boolean;
      readonly default?: readonly number[];
    })
  | (FlagBase & { readonly kind: 'strings'; readonly default?: readonly string[] })
  | (FlagBase & { readonly kind: 'choice'; readonly values: readonly string[]; readonly default?: string });

/** The flags of one script, by name (without the leading `--`). */
export type FlagSpecs = Readonly<Record<string, FlagSpec>>;

type ValueOf<S extends FlagSpec> = S extends { kind: 'boolean' }
  ? boolean
  : S extends { kind: 'string' }
    ? string
    : S extends { kind: 'integer' | 'number' }
      ? number
      : S extends { kind: 'integers' | 'numbers' }
        ? number[]
        : S extends { kind: 'strings' }
          ? string[]
          : S extends { kind: 'choice'; values: readonly (infer V)[] }
            ? V
            : never;

/** The typed values of a script's flags: required where the spec has a default (or is boolean). */
export type FlagValues<S extends FlagSpecs> = {
  -readonly [K in keyof S]: S[K] extends { kind: 'boolean' } | { default: unknown }
    ? ValueOf<S[K]>
    : ValueOf<S[K]> | undefined;
};

/** A command line the flags of a script do not accept. */
export class BenchFlagError extends Error {
  override readonly name = 'BenchFlagError';
}

/** What {@link parseBenchFlags} found: the values, or a request for help. */
export type ParsedBenchFlags<S extends FlagSpecs> =
  { readonly kind: 'values'; readonly values: FlagValues<S> } | { readonly kind: 'help' };

/**
 * Reads `argv` (without node and the script: `process.argv.slice(2)`) against `specs`. Accepts
 * `--name value` and `--name=value`; booleans take no value. Throws {@link BenchFlagError} on an
 * unknown flag (naming the known ones), a flag given twice, a missing or malformed value, or an
 * argument that is no flag.
 */
export function parseBenchFlags<const S extends FlagSpecs>(specs: S, argv: readonly string[]): ParsedBenchFlags<S> {
  const known = Object.keys(specs);
  const texts = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (token === '--help' || token === '-h') return { kind: 'help' };
    if (!token.startsWith('--') || token === '--')
      throw new BenchFlagError(`unexpected argument "${token}": every argument is a --flag (see --help)`);
    const equals = token.indexOf('=');
    const name = token.slice(2, equals < 0 ? undefined : equals);
    const spec = Object.hasOwn(specs, name) ? specs[name] : undefined;
    if (spec === undefined)
      throw new BenchFlagError(`unknown flag --${name}; known flags: ${known.map((flag) => `--${flag}`).join(', ')}`);
    if (texts.has(name)) throw new BenchFlagError(`--${name} is given twice`);
    if (spec.kind === 'boolean') {
      if (equals >= 0) throw new BenchFlagError(`--${name} takes no value, got ${token}`);
      texts.set(name, true);
    } else if (equals >= 0) {
      texts.set(name, token.slice(equals + 1));
    } else {
      if (i + 1 >= argv.length) throw new BenchFlagError(`--${name} needs a value`);
      texts.set(name, argv[++i]);
    }
  }
  const values: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const text = texts.get(name);
    values[name] = text === undefined ? absentValue(spec) : readValue(name, spec, text);
  }
  return { kind: 'values', values: values as FlagValues<S> };
}

function absentValue(spec: FlagSpec): unknown {
  if (spec.kind === 'boolean') return false;
  const fallback = spec.default;
  return Array.isArray(fallback) ? [...fallback] : fallback;
}

function readValue(name: string, spec: FlagSpec, text: string | true): unknown {
  if (text === true) return true;
  if (text === '') throw new BenchFlagError(`--${name} needs a value`);
  const list = (): string[] => text.split(',').map((item) => item.trim());
  switch (spec.kind) {
    case 'boolean':
      return true;
    case 'string':
      return text;
    case 'strings':
      return list();
    case 'choice':
      if (!spec.values.includes(text))
        throw new BenchFlagError(`--${name} must be one of ${spec.values.join(', ')}, got ${text}`);
      return text;
    case 'integer':
      return readInteger(name, spec, text);
    case 'integers':
      return list().map((item) => readInteger(name, spec, item, text));
    case 'number':
      return readNumber(name, spec, text);
    case 'numbers':
      return list().map((item) => readNumber(name, spec, item, text));
    default: {
      const unreachable: never = spec;
      return unreachable;
    }
  }
}

function readInteger(name: string, bounds: { min: number; max?: number }, item: string, list?: string): number {
  const value = Number(item);
  const max = bounds.max ?? Number.MAX_SAFE_INTEGER;
  if (item === '' || !Number.isSafeInteger(value) || value < bounds.min || value > max) {
    const range = bounds.max === undefined ? `>= ${bounds.min}` : `in ${bounds.min}..${bounds.max}`;
    throw new BenchFlagError(
      `--${name} takes ${list === undefined ? 'an integer' : 'integers'} ${range}, got ${list ?? item}`,
    );
  }
  return value;
}

function readNumber(
  name: string,
  bounds: { min?: number; below?: number; infinity?: boolean },
  item: string,
  list?: string,
): number {
  const value = item === 'inf' && bounds.infinity === true ? Number.POSITIVE_INFINITY : Number(item);
  const ok =
    item !== '' &&
    (Number.isFinite(value) || (value === Number.POSITIVE_INFINITY && item === 'inf')) &&
    (bounds.min === undefined || value >= bounds.min) &&
    (bounds.below === undefined || value < bounds.below);
  if (!ok) {
    const limits = [
      bounds.min === undefined ? '' : `>= ${bounds.min}`,
      bounds.below === undefined ? '' : `< ${bounds.below}`,
    ].filter(Boolean);
    const range = `${limits.length > 0 ? ` ${limits.join(' and ')}` : ''}${bounds.infinity === true ? ' or inf' : ''}`;
    const what = list === undefined ? 'a number' : 'numbers';
    throw new BenchFlagError(`--${name} takes ${what}${range}, got ${list ?? item}`);
  }
  return value;
}

/**
 * The `--help` text: the usage line, the summary, then one line per flag with its value form and
 * default.
 */
export function benchFlagsHelp(usage: string, summary: string, specs: FlagSpecs): string {
  const rows = Object.entries(specs).map(([name, spec]) => {
    const form = valueForm(spec);
    const fallback = spec.kind !== 'boolean' && spec.default !== undefined ? ` (default ${String(spec.default)})` : '';
    return [`--${name}${form ? ` ${form}` : ''}`, `${spec.help}${fallback}`];
  });
  rows.push(['--help, -h', 'print this help']);
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  return [`usage: ${usage}`, '', summary, '', ...rows.map(([left, right]) => `  ${left.padEnd(width)}${right}`)].join(
    '\n',
  );
}

function valueForm(spec: FlagSpec): string {
  switch (spec.kind) {
    case 'boolean':
      return '';
    case 'string':
      return spec.placeholder ?? 'TEXT';
    case 'choice':
      return spec.values.join('|');
    case 'integer':
      return 'N';
    case 'number':
      return 'X';
    case 'integers':
      return 'N,N,...';
    case 'numbers':
      return 'X,X,...';
    case 'strings':
      return 'A,B,...';
    default: {
      const unreachable: never = spec;
      return unreachable;
    }
  }
}

/**
 * {@link parseBenchFlags} over `process.argv` for the bench `npm run bench:<bench>`, with `--json
 * FILE` added to its flags: prints the help and exits 0 on `--help`, prints the error and exits 2
 * on a bad command line, else returns the typed values.
 */
export function readBenchFlags<const S extends FlagSpecs>(
  bench: string,
  summary: string,
  specs: S,
): FlagValues<S & { json: typeof JSON_FLAG }> {
  const all = { json: JSON_FLAG, ...specs };
  try {
    const parsed = parseBenchFlags(all, process.argv.slice(2));
    if (parsed.kind === 'values') return parsed.values;
    process.stdout.write(`${benchFlagsHelp(`npm run bench:${bench} -- [flags]`, summary, all)}\n`);
    process.exit(0);
  } catch (error) {
    if (!(error instanceof BenchFlagError)) throw error;
    process.stderr.write(`error: ${error.message} (see --help)\n`);
    process.exit(2);
  }
}

/** `--json FILE`, which every bench takes. */
export const JSON_FLAG = {
  kind: 'string',
  placeholder: 'FILE',
  help: 'also write the results as JSON to FILE',
} as const satisfies FlagSpec;

/**
 * The fleet flags of the benches that run federated rounds: `--clients`, `--rounds` and, with a
 * default given, `--per-round` and `--samples` (examples per client).
 *
 * @example
 * readBenchFlags('sim', summary, { ...fleetFlags({ clients: 50, rounds: 30 }), 'per-round': perRoundFlag(10) });
 */
export function fleetFlags(defaults: { clients: number; rounds: number }) {
  return {
    clients: { kind: 'integer', min: 1, default: defaults.clients, help: 'simulated clients' },
    rounds: { kind: 'integer', min: 1, default: defaults.rounds, help: 'rounds per run' },
  } as const satisfies FlagSpecs;
}

/** `--per-round`: clients selected per round. */
export function perRoundFlag(fallback: number) {
  return { kind: 'integer', min: 1, default: fallback, help: 'clients per round' } as const satisfies FlagSpec;
}

/** `--samples`: training examples per client. */
export function samplesFlag(fallback: number) {
  return { kind: 'integer', min: 1, default: fallback, help: 'examples per client' } as const satisfies FlagSpec;
}
