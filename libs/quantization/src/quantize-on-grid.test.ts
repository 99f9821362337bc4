import { dequantize } from './dequantize';
import { fitRangeGrid } from './fit-range-grid';
import { quantizeOnGrid } from './quantize-on-grid';

describe('quantizeOnGrid', () => {
  it('clips values outside a grid fitted to other values', () => {
    const grid = fitRangeGrid(Float32Array.of(0, 1), 2, { kind: 'per-tensor' });
    const q = quantizeOnGrid(Float32Array.of(-5, 5), grid, 1);
    expect(Array.from(dequantize(q))).toEqual([0, 1]);
  });

  it('is unbiased inside the grid', () => {
    const grid = fitRangeGrid(Float32Array.of(0, 1), 1, { kind: 'per-tensor' });
    let sum = 0;
    for (let seed = 0; seed < 2000; seed++) sum += dequantize(quantizeOnGrid(Float32Array.of(0.3, 0.3), grid, seed))[0];
    // Bernoulli(0.3): standard error sqrt(0.21 / 2000) = 0.0102
    expect(Math.abs(sum / 2000 - 0.3)).toBeLessThan(0.05);
  });

  it('names bad arguments', () => {
    const grid = fitRangeGrid(Float32Array.of(0, 1), 2, { kind: 'per-tensor' });
    expect(() => quantizeOnGrid(Float32Array.of(1), grid, 1)).toThrow(
      /grid\.levels has 1 entries, length is 2|sum to 2/,
    );
    expect(() => quantizeOnGrid(Float32Array.of(1, NaN), grid, 1)).toThrow(/values must be finite/);
    expect(() => quantizeOnGrid(Float32Array.of(1, 2), grid, Infinity)).toThrow(/seed/);
    expect(() => quantizeOnGrid(Float32Array.of(1, 2), { ...grid, bits: 0 }, 1)).toThrow(/grid\.bits/);
    expect(() => fitRangeGrid(Float32Array.of(1), 0, { kind: 'per-tensor' })).toThrow(/bits/);
  });
});
