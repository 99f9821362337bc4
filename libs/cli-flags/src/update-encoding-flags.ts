import type { FlagReader } from './flag-reader';

/** What `--secure`/`--no-secure`, `--bits` and `--clip-range` mean together, for both CLIs. */
export interface UpdateEncodingFlags {
  secure: boolean;
  /** 1-16, or 32 for float32 uploads (plain rounds only). */
  bits: number;
  clipRange: number;
}

/** The secure grid's default clip range: about 2.5x the largest weight change of an epoch of Adam at 0.002. */
export const DEFAULT_CLIP_RANGE = 0.05;

/**
 * Secure aggregation is on unless `--no-secure`; it sums integer levels, so it takes 1-16 bits
 * (8 by default) and refuses float32 with a message that says what to do instead.
 *
 * @example
 * readUpdateEncodingFlags(flags, { secure: undefined, noSecure: true }); // { secure: false, bits: 32, ... }
 */
export function readUpdateEncodingFlags(
  flags: FlagReader,
  switches: { secure?: boolean; noSecure?: boolean },
): UpdateEncodingFlags {
  if (switches.secure && switches.noSecure) throw new RangeError('--secure and --no-secure exclude each other');
  const secure = !switches.noSecure;
  const bits = flags.integer('bits', { min: 1, fallback: secure ? 8 : 32 });
  if (bits > 16 && bits !== 32) throw new RangeError(`--bits must be 1-16 or 32, got ${bits}`);
  if (secure && bits > 16) {
    throw new RangeError(
      `--bits ${bits} does not work with secure aggregation (it sums integer levels of at most 16 bits): use --bits 1-16, or --no-secure for float32 uploads`,
    );
  }
  return { secure, bits, clipRange: flags.number('clip-range', { positive: true, fallback: DEFAULT_CLIP_RANGE }) };
}
