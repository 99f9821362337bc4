import fc from 'fast-check';
import { decodeQuantizedUpdate } from './decode-quantized-update';
import { dequantize } from './dequantize';
import { encodeQuantizedUpdate } from './encode-quantized-update';
import type { QuantizedUpdate } from './quantized-update';
import type { QuantizerConfig } from './quantizer-config';
import { stochasticQuantize } from './stochastic-quantize';

// One suite, every bit width and clip mode (as tfjs runs one suite over every backend).
const BIT_WIDTHS = Array.from({ length: 16 }, (_, i) => i + 1);
const CLIPS: QuantizerConfig['clip'][] = [
  { kind: 'per-tensor' },
  { kind: 'per-chunk', chunkSize: 7 },
  { kind: 'fixed', range: 3 },
];
const DRAWS = 2000;

/** Deterministic values in [-2.5, 2.9] with tensor-like magnitudes; every fixed-mode value is in range. */
const SAMPLE = Float32Array.from(
  { length: 24 },
  (_, i) => Math.sin(i * 1.7) * (i < 12 ? 2.5 : 0.01) + (i === 23 ? 2.9 : 0),
);
const SEGMENTS = [12, 12];

/** Step and bounds of the segment that holds each value. */
function perValueGrid(q: QuantizedUpdate): { step: Float64Array; low: Float64Array; high: Float64Array } {
  const step = new Float64Array(q.length);
  const low = new Float64Array(q.length);
  const high = new Float64Array(q.length);
  let i = 0;
  q.segmentLengths.forEach((segmentLength, s) => {
    for (let k = 0; k < segmentLength; k++, i++) {
      step[i] = q.steps[s];
      low[i] = q.offsets[s];
      high[i] = q.offsets[s] + q.steps[s] * (2 ** q.bits - 1);
    }
  });
  return { step, low, high };
}

describe.each(BIT_WIDTHS)('quantizer at %i bits', (bits) => {
  describe.each(CLIPS)('clip %o', (clip) => {
    const config: QuantizerConfig = { bits, clip };

    it('is unbiased: the mean of 2,000 seeded draws is within 5 standard errors of x', () => {
      const sum = new Float64Array(SAMPLE.length);
      let grid = perValueGrid(stochasticQuantize(SAMPLE, config, 0, SEGMENTS));
      for (let seed = 0; seed < DRAWS; seed++) {
        const q = stochasticQuantize(SAMPLE, config, seed, SEGMENTS);
        const approx = dequantize(q);
        for (let i = 0; i < approx.length; i++) sum[i] += approx[i];
        if (seed === 0) grid = perValueGrid(q);
      }
      for (let i = 0; i < SAMPLE.length; i++) {
        // Rounding up or down by one step: standard deviation at most step / 2.
        const standardError = grid.step[i] / 2 / Math.sqrt(DRAWS);
        const floatSlack = 4 * 2 ** -24 * Math.abs(SAMPLE[i]) + 1e-9;
        expect(Math.abs(sum[i] / DRAWS - SAMPLE[i])).toBeLessThanOrEqual(5 * standardError + floatSlack);
      }
    });

    it('stays within one step of x and inside the range (property)', () => {
      const bound = clip.kind === 'fixed' ? clip.range * 1.5 : 1e4;
      fc.assert(
        fc.property(
          fc.float32Array({
            maxLength: 40,
            min: Math.fround(-bound),
            max: Math.fround(bound),
            noNaN: true,
            noDefaultInfinity: true,
          }),
          fc.integer(),
          (values, seed) => {
            const q = stochasticQuantize(values, config, seed);
            const approx = dequantize(q);
            const { step, low, high } = perValueGrid(q);
            for (let i = 0; i < values.length; i++) {
              expect(q.levels[i]).toBeLessThanOrEqual(2 ** bits - 1);
              const x = clip.kind === 'fixed' ? Math.min(clip.range, Math.max(-clip.range, values[i])) : values[i];
              const slack = 2 ** -22 * Math.max(Math.abs(low[i]), Math.abs(high[i])) + 1e-30;
              expect(Math.abs(approx[i] - x)).toBeLessThanOrEqual(step[i] + slack);
              expect(approx[i]).toBeGreaterThanOrEqual(low[i] - slack);
              expect(approx[i]).toBeLessThanOrEqual(high[i] + slack);
              if (clip.kind !== 'fixed') {
                // adaptive ranges are [min, max] of the segment: no value leaves its segment's range
                expect(approx[i]).toBeGreaterThanOrEqual(Math.min(...values) - slack);
                expect(approx[i]).toBeLessThanOrEqual(Math.max(...values) + slack);
              }
            }
          },
        ),
        { numRuns: 25 },
      );
    });

    it('round-trips through encode/decode', () => {
      fc.assert(
        fc.property(
          fc.float32Array({ maxLength: 60, noNaN: true, min: -1e6, max: 1e6 }),
          fc.integer(),
          (values, seed) => {
            const q = stochasticQuantize(values, config, seed);
            const decoded = decodeQuantizedUpdate(encodeQuantizedUpdate(q));
            expect(decoded).toEqual(q);
            expect(dequantize(decoded)).toEqual(dequantize(q));
          },
        ),
        { numRuns: 25 },
      );
    });

    it('is deterministic for a fixed seed and differs across seeds', () => {
      const a = stochasticQuantize(SAMPLE, config, 1234, SEGMENTS);
      expect(stochasticQuantize(SAMPLE, config, 1234, SEGMENTS)).toEqual(a);
      // 16 seeds producing identical levels for 24 non-grid values would need absurd luck
      const others = Array.from({ length: 16 }, (_, k) => stochasticQuantize(SAMPLE, config, 1235 + k, SEGMENTS));
      expect(others.some((q) => q.levels.some((level, i) => level !== a.levels[i]))).toBe(true);
    });
  });
});
