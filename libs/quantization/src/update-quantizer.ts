import { dequantize } from './dequantize';
import { ErrorFeedback } from './error-feedback';
import { fitRangeGrid } from './fit-range-grid';
import type { QuantizedUpdate } from './quantized-update';
import { assertQuantizerConfig, type QuantizerConfig } from './quantizer-config';
import { quantizeOnGrid } from './quantize-on-grid';
import { stochasticQuantize } from './stochastic-quantize';

/**
 * A client's quantizer across rounds: `stochasticQuantize` with `config`, plus error feedback when
 * `config.errorFeedback` is set.
 *
 * With error feedback the grid is fitted to this round's `delta` (or is the fixed round-wide grid),
 * and `delta + residual` is quantized onto it, clipped where it leaves the grid. Fitting the grid to
 * `delta + residual` instead would let the residual widen the range, and a wider range a larger
 * residual: at 1 bit per value that feedback loop diverges. With the grid fixed by `delta`, each
 * residual element stays within about one step of the largest delta range seen (a sigma-delta
 * loop), and what clipping holds back is sent in later rounds.
 *
 * @example
 * const quantizer = new UpdateQuantizer({ bits: 2, clip: { kind: 'per-chunk', chunkSize: 1024 }, errorFeedback: true }, n);
 * const bytes = encodeQuantizedUpdate(quantizer.quantize(delta, deriveSeed(runSeed, 'client', id, 'round', r)));
 */
export class UpdateQuantizer {
  private readonly feedback: ErrorFeedback | undefined;

  constructor(
    readonly config: QuantizerConfig,
    readonly length: number,
  ) {
    assertQuantizerConfig(config, 'config');
    if (!Number.isInteger(length) || length < 0)
      throw new RangeError(`length must be a non-negative integer, got ${length}`);
    this.feedback = config.errorFeedback ? new ErrorFeedback(length) : undefined;
  }

  /** Quantizes this round's `delta` (length `this.length`); see `stochasticQuantize` for the arguments. */
  quantize(delta: Float32Array, seed: number, segmentLengths?: ArrayLike<number>): QuantizedUpdate {
    if (!(delta instanceof Float32Array)) throw new TypeError('delta must be a Float32Array');
    if (delta.length !== this.length) throw new RangeError(`delta has length ${delta.length}, expected ${this.length}`);
    if (!this.feedback) return stochasticQuantize(delta, this.config, seed, segmentLengths);
    const grid = fitRangeGrid(delta, this.config.bits, this.config.clip, segmentLengths);
    const target = this.feedback.apply(delta);
    const q = quantizeOnGrid(target, grid, seed);
    this.feedback.record(target, dequantize(q));
    return q;
  }

  /** Drops the error-feedback residual (no-op without error feedback). */
  reset(): void {
    this.feedback?.reset();
  }
}
