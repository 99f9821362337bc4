import type { FlagReader } from './flag-reader';

/** What `--secure`/`--no-secure`, `--bits` and `--clip-range` mean together, for both CLIs. */
export interface UpdateEncodingFlags {
  secure: boolean;
  /** 1-16, or 32 for float32 uploads (plain rounds only). */
  bits: number;
  clipRange: number;
}

/**
 * What the flags default to. The CLIs pass `updateEncodingDefaults()` of `@edgefl/coordinator`, the
 * library's one definition (this package knows nothing of either end, so it restates none of them).
 */
export interface UpdateEncodingFlagDefaults {
  secure: boolean;
  secureBits: number;
  plainBits: number;
  clipRange: number;
}

/**
 * Secure aggregation is on unless `--no-secure` (by the defaults given); it sums integer levels, so it
 * takes 1-16 bits and refuses float32 with a message that says what to do instead.
 *
 * @example
 * readUpdateEncodingFlags(flags, { noSecure: true }, updateEncodingDefaults()); // { secure: false, bits: 32, ... }
 */
export function readUpdateEncodingFlags(
  flags: FlagReader,
  switches: { secure?: boolean; noSecure?: boolean },
  defaults: UpdateEncodingFlagDefaults,
): UpdateEncodingFlags {
  if (switches.secure && switches.noSecure) throw new RangeError('--secure and --no-secure exclude each other');
  const secure = switches.noSecure ? false : switches.secure ? true : defaults.secure;
  const bits = flags.integer('bits', { min: 1, fallback: secure ? defaults.secureBits : defaults.plainBits });
  if (bits > 16 && bits !== 32) throw new RangeError(`--bits must be 1-16 or 32, got ${bits}`);
  if (secure && bits > 16) {
    throw new RangeError(
      `--bits ${bits} does not work with secure aggregation (it sums integer levels of at most 16 bits): use --bits 1-16, or --no-secure for float32 uploads`,
    );
  }
  return { secure, bits, clipRange: flags.number('clip-range', { positive: true, fallback: defaults.clipRange }) };
}
