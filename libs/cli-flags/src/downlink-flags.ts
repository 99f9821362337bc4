import type { FlagReader } from './flag-reader';

/** What `--downlink-bits` and `--downlink-max-lag` mean together; undefined: full float32 models in every task. */
export interface DownlinkFlags {
  bits: number;
  maxLag: number;
}

/** The help lines of these flags, shared by both CLIs, with the bits the CLI defaults to. */
export const downlinkHelp = (
  defaultBits: number,
): string => `  --downlink-bits B      the model sent to clients that hold an earlier one: a B-bit quantized delta
                         (1-16), or 32 for full float32 weights in every task (default ${defaultBits})
  --downlink-max-lag N   clients whose last full model is more than N versions old get a full one (default 30)
`;

/** Flag declarations (`node:util` parseArgs form). */
export const DOWNLINK_FLAG_OPTIONS = {
  'downlink-bits': { type: 'string' },
  'downlink-max-lag': { type: 'string' },
} as const;

/**
 * Reads the downlink compression flags, naming a bad value.
 *
 * @example
 * readDownlinkFlags(flags, 8); // { bits: 8, maxLag: 30 }
 * // --downlink-bits 32 -> undefined: float32 downlink
 */
export function readDownlinkFlags(flags: FlagReader, defaultBits: number): DownlinkFlags | undefined {
  const bits = flags.integer('downlink-bits', { min: 1, fallback: defaultBits });
  if (bits !== 32 && bits > 16) throw new RangeError(`--downlink-bits must be 1-16, or 32 for float32, got ${bits}`);
  const maxLag = flags.integer('downlink-max-lag', { min: 1, fallback: 30 });
  if (bits === 32) {
    if (flags.raw('downlink-max-lag') !== undefined)
      throw new RangeError('--downlink-max-lag applies to quantized downlinks only (--downlink-bits 1-16)');
    return undefined;
  }
  return { bits, maxLag };
}
