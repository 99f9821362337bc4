import fc from 'fast-check';
import { deriveSeed } from '@edgefl/random';
import { dequantize } from './dequantize';
import { stochasticQuantize } from './stochastic-quantize';

describe('stochasticQuantize', () => {
  it('is unbiased for random vectors (property, 2,000 draws each, 6 standard errors)', () => {
    fc.assert(
      fc.property(
        fc.float32Array({ minLength: 1, maxLength: 6, min: -100, max: 100, noNaN: true }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer(),
        (values, bits, runSeed) => {
          const config = { bits, clip: { kind: 'per-tensor' as const } };
          const sum = new Float64Array(values.length);
          let step = 0;
          for (let draw = 0; draw < 2000; draw++) {
            const q = stochasticQuantize(values, config, deriveSeed(runSeed, 'draw', draw));
            step = q.steps[0];
            dequantize(q).forEach((v, i) => (sum[i] += v));
          }
          const tolerance = 6 * (step / 2 / Math.sqrt(2000)) + 1e-5;
          values.forEach((x, i) => expect(Math.abs(sum[i] / 2000 - x)).toBeLessThanOrEqual(tolerance));
        },
      ),
      { numRuns: 15 },
    );
  });

  it('fits one range per tensor, or per chunk without straddling tensors', () => {
    const values = Float32Array.of(1, 2, 3, 10, 20, -5, -6);
    const perTensor = stochasticQuantize(values, { bits: 4, clip: { kind: 'per-tensor' } }, 1, [3, 2, 2]);
    expect(Array.from(perTensor.segmentLengths)).toEqual([3, 2, 2]);
    expect(Array.from(perTensor.offsets)).toEqual([1, 10, -6]);
    expect(Array.from(perTensor.steps)).toEqual([2 / 15, 10 / 15, 1 / 15].map(Math.fround));
    const whole = stochasticQuantize(values, { bits: 4, clip: { kind: 'per-tensor' } }, 1);
    expect(Array.from(whole.segmentLengths)).toEqual([7]);
    const chunks = stochasticQuantize(values, { bits: 4, clip: { kind: 'per-chunk', chunkSize: 2 } }, 1, [3, 4]);
    expect(Array.from(chunks.segmentLengths)).toEqual([2, 1, 2, 2]);
    expect(Array.from(chunks.offsets)).toEqual([1, 3, 10, -6]);
    const fixed = stochasticQuantize(values, { bits: 4, clip: { kind: 'fixed', range: 8 } }, 1, [3, 4]);
    expect(Array.from(fixed.segmentLengths)).toEqual([7]);
  });

  it('reaches both ends of the range exactly', () => {
    const q = stochasticQuantize(Float32Array.of(-1, 0.3, 1), { bits: 3, clip: { kind: 'per-tensor' } }, 9);
    expect(q.levels[0]).toBe(0);
    expect(q.levels[2]).toBe(7);
    const approx = dequantize(q);
    expect(approx[0]).toBe(-1);
    expect(approx[2]).toBeCloseTo(1, 6);
  });

  it('encodes a constant segment with step 0 and decodes it exactly', () => {
    const q = stochasticQuantize(
      Float32Array.of(0.5, 0.5, 0.5, 7),
      { bits: 2, clip: { kind: 'per-tensor' } },
      3,
      [3, 1],
    );
    expect(Array.from(q.steps)).toEqual([0, 0]);
    expect(Array.from(q.levels)).toEqual([0, 0, 0, 0]);
    expect(Array.from(dequantize(q))).toEqual([0.5, 0.5, 0.5, 7]);
  });

  it('quantizes an empty vector to no segments', () => {
    const q = stochasticQuantize(new Float32Array(0), { bits: 8, clip: { kind: 'per-chunk', chunkSize: 4 } }, 1);
    expect(q.length).toBe(0);
    expect(q.segmentLengths.length).toBe(0);
    expect(dequantize(q).length).toBe(0);
  });

  it('clips to the round-wide range in fixed mode', () => {
    const values = Float32Array.of(-100, -8, 0, 8, 100);
    const q = stochasticQuantize(values, { bits: 8, clip: { kind: 'fixed', range: 8 } }, 5);
    expect(Array.from(q.levels)).toEqual([0, 0, q.levels[2], 255, 255]);
    const approx = dequantize(q);
    expect(approx[0]).toBe(-8);
    expect(approx[4]).toBeCloseTo(8, 5);
  });

  it('names bad arguments', () => {
    const per = { bits: 4, clip: { kind: 'per-tensor' as const } };
    expect(() => stochasticQuantize([1, 2] as unknown as Float32Array, per, 1)).toThrow(
      /values must be a Float32Array/,
    );
    expect(() => stochasticQuantize(Float32Array.of(1, NaN), per, 1)).toThrow(/values must be finite/);
    expect(() => stochasticQuantize(Float32Array.of(1, Infinity), per, 1)).toThrow(/values must be finite/);
    expect(() => stochasticQuantize(Float32Array.of(NaN), { bits: 4, clip: { kind: 'fixed', range: 1 } }, 1)).toThrow(
      /finite/,
    );
    expect(() =>
      stochasticQuantize(Float32Array.of(-3e38, 3e38), { bits: 1, clip: { kind: 'per-tensor' } }, 1),
    ).toThrow(/too wide/);
    expect(() => stochasticQuantize(Float32Array.of(1), per, NaN)).toThrow(/seed must be/);
    expect(() => stochasticQuantize(Float32Array.of(1), { ...per, bits: 17 }, 1)).toThrow(
      /config\.bits must be an integer from 1 to 16/,
    );
    expect(() => stochasticQuantize(Float32Array.of(1), { ...per, bits: 0 }, 1)).toThrow(/config\.bits/);
    expect(() =>
      stochasticQuantize(Float32Array.of(1), { bits: 4, clip: { kind: 'per-chunk', chunkSize: 0 } }, 1),
    ).toThrow(/config\.clip\.chunkSize/);
    expect(() => stochasticQuantize(Float32Array.of(1), { bits: 4, clip: { kind: 'fixed', range: -1 } }, 1)).toThrow(
      /config\.clip\.range/,
    );
    expect(() => stochasticQuantize(Float32Array.of(1), { bits: 4, clip: { kind: 'nope' } as never }, 1)).toThrow(
      /config\.clip\.kind/,
    );
    expect(() => stochasticQuantize(Float32Array.of(1), { bits: 4 } as never, 1)).toThrow(/config\.clip must be/);
    expect(() => stochasticQuantize(Float32Array.of(1, 2), per, 1, [1])).toThrow(
      /segmentLengths must sum to values\.length 2/,
    );
    expect(() => stochasticQuantize(Float32Array.of(1, 2), per, 1, [2, 0])).toThrow(/segmentLengths\[1\]/);
  });
});
