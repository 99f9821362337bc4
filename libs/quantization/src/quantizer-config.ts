import type { ClipMode } from './clip-mode';

/**
 * Settings of the stochastic quantizer.
 *
 * `errorFeedback` is advice to the holder of the update stream (see `UpdateQuantizer`): the pure
 * `stochasticQuantize` ignores it, because error feedback needs state across rounds.
 *
 * @example
 * const config: QuantizerConfig = { bits: 8, clip: { kind: 'per-chunk', chunkSize: 1024 } };
 */
export interface QuantizerConfig {
  /** Bits per value, 1..16: 2^bits levels per range. */
  bits: number;
  clip: ClipMode;
  /** Carry each round's quantization error into the next round's update. */
  errorFeedback?: boolean;
}

/** Highest bit width of a quantized update (levels are stored as Uint16). */
export const MAX_QUANTIZER_BITS = 16;

/**
 * Throws a RangeError/TypeError naming the bad field of `config` (`argName` prefixes it).
 *
 * @example
 * assertQuantizerConfig({ bits: 4, clip: { kind: 'per-tensor' } }, 'config');
 */
export function assertQuantizerConfig(config: QuantizerConfig, argName: string): void {
  if (typeof config !== 'object' || config === null) {
    throw new TypeError(`${argName} must be a QuantizerConfig object, got ${String(config)}`);
  }
  assertQuantizerBits(config.bits, `${argName}.bits`);
  if (config.errorFeedback !== undefined && typeof config.errorFeedback !== 'boolean') {
    throw new TypeError(`${argName}.errorFeedback must be a boolean when given, got ${String(config.errorFeedback)}`);
  }
  const clip: unknown = config.clip;
  if (typeof clip !== 'object' || clip === null) {
    throw new TypeError(`${argName}.clip must be a ClipMode object, got ${String(clip)}`);
  }
  const mode = clip as ClipMode;
  switch (mode.kind) {
    case 'per-tensor':
      return;
    case 'per-chunk':
      if (!Number.isInteger(mode.chunkSize) || mode.chunkSize < 1 || mode.chunkSize > 0xffffffff) {
        throw new RangeError(`${argName}.clip.chunkSize must be a positive 32-bit integer, got ${mode.chunkSize}`);
      }
      return;
    case 'fixed':
      if (!(typeof mode.range === 'number' && mode.range > 0 && Number.isFinite(Math.fround(mode.range)))) {
        throw new RangeError(`${argName}.clip.range must be a positive finite float32 number, got ${mode.range}`);
      }
      return;
    default: {
      const unknownMode: never = mode;
      throw new RangeError(
        `${argName}.clip.kind must be 'per-tensor', 'per-chunk' or 'fixed', got ${String((unknownMode as { kind: unknown }).kind)}`,
      );
    }
  }
}

/**
 * Throws a RangeError naming `argName` unless `bits` is an integer in 1..16.
 *
 * @example
 * assertQuantizerBits(8, 'bits');
 */
export function assertQuantizerBits(bits: number, argName: string): void {
  if (!Number.isInteger(bits) || bits < 1 || bits > MAX_QUANTIZER_BITS) {
    throw new RangeError(`${argName} must be an integer from 1 to ${MAX_QUANTIZER_BITS}, got ${bits}`);
  }
}
