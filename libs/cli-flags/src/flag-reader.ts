/**
 * Reads flag values as text (from argv, a config file, the environment: the caller decides) and
 * turns them into typed values, throwing a RangeError that names the flag and the bad value.
 *
 * @example
 * const flags = new FlagReader((name) => values[name]);
 * const rounds = flags.integer('rounds', { min: 1, fallback: 10 });
 */
export class FlagReader {
  constructor(private readonly text: (name: string) => string | undefined) {}

  /** The raw text of a flag, or undefined when it was not given. */
  raw(name: string): string | undefined {
    return this.text(name);
  }

  integer(name: string, options: { min: number; fallback: number }): number;
  integer(name: string, options: { min: number; fallback?: undefined }): number | undefined;
  integer(name: string, options: { min: number; fallback?: number }): number | undefined {
    const text = this.text(name);
    if (text === undefined) return options.fallback;
    const value = Number(text);
    if (!Number.isInteger(value) || value < options.min)
      throw new RangeError(`--${name} must be an integer >= ${options.min}, got ${text}`);
    return value;
  }

  /** A finite number; `positive` excludes 0 and below, otherwise `min` bounds it. */
  number(name: string, options: { positive?: boolean; min?: number; fallback: number }): number;
  number(name: string, options: { positive?: boolean; min?: number; fallback?: undefined }): number | undefined;
  number(name: string, options: { positive?: boolean; min?: number; fallback?: number }): number | undefined {
    const text = this.text(name);
    if (text === undefined) return options.fallback;
    const value = Number(text);
    if (
      !Number.isFinite(value) ||
      (options.positive && value <= 0) ||
      (options.min !== undefined && value < options.min)
    ) {
      const bound = options.positive ? 'a positive number' : `a number >= ${options.min ?? '-infinity'}`;
      throw new RangeError(`--${name} must be ${bound}, got ${text}`);
    }
    return value;
  }

  probability(name: string, fallback = 0): number {
    const text = this.text(name);
    if (text === undefined) return fallback;
    const value = Number(text);
    if (!(value >= 0 && value <= 1)) throw new RangeError(`--${name} must be a probability in [0, 1], got ${text}`);
    return value;
  }

  choice<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const text = this.text(name);
    if (text === undefined) return fallback;
    if (!allowed.includes(text as T))
      throw new RangeError(`--${name} must be one of ${allowed.join(', ')}, got ${text}`);
    return text as T;
  }

  /** A comma-separated list of integers >= min. */
  integerList(name: string, min: number): number[] | undefined {
    const text = this.text(name);
    if (text === undefined) return undefined;
    const values = text.split(',').map(Number);
    if (values.length === 0 || values.some((v) => !Number.isInteger(v) || v < min)) {
      throw new RangeError(`--${name} must be comma-separated integers >= ${min}, got ${text}`);
    }
    return values;
  }
}
