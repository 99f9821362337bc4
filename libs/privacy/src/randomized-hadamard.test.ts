import fc from 'fast-check';
import { paddedLengthFor, randomizedHadamard } from './randomized-hadamard';

const seed = new Uint8Array(32).fill(4);

describe('randomizedHadamard', () => {
  it('is orthonormal: the inverse restores the vector and the norm is kept (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 }),
        fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 1024, maxLength: 1024 }),
        (log2, values) => {
          const d = 2 ** log2;
          const x = Float64Array.from(values.slice(0, d));
          const y = randomizedHadamard(x, seed);
          const back = randomizedHadamard(y, seed, true);
          const norm = (v: Float64Array): number => Math.sqrt(v.reduce((a, b) => a + b * b, 0));
          return (
            Math.abs(norm(y) - norm(x)) <= 1e-9 * (1 + norm(x)) &&
            back.every((v, i) => Math.abs(v - x[i]) <= 1e-9 * (1 + norm(x)))
          );
        },
      ),
      { seed: 13, numRuns: 30 },
    );
  });

  it('flattens a spike: every coordinate of a rotated unit basis vector is +-1/sqrt(d)', () => {
    const x = new Float64Array(256);
    x[17] = 1;
    const y = randomizedHadamard(x, seed);
    expect(y.every((v) => Math.abs(Math.abs(v) - 1 / 16) < 1e-12)).toBe(true);
  });

  it('matches the docs/PROTOCOL.md vector (seed = 32 bytes of 0x01, x = 1..8)', () => {
    const y = randomizedHadamard(Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8), new Uint8Array(32).fill(1));
    const expected = [-0.5, -6.5, 2.5, 0.5, -1.5, 6.5, 2.5, -1.5].map((v) => v * Math.SQRT2);
    y.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 12));
  });

  it('pads to a power of two and names bad lengths', () => {
    expect(paddedLengthFor(16419)).toBe(32768);
    expect(paddedLengthFor(1024)).toBe(1024);
    expect(() => randomizedHadamard(new Float64Array(3), seed)).toThrow(/power of two/);
  });
});
