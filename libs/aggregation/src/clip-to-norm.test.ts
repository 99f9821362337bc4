import fc from 'fast-check';
import { clipToNorm } from './clip-to-norm';
import { float32Value } from './testing/arbitraries';

const norm = (v: ArrayLike<number>): number => Math.sqrt(Array.from(v).reduce((acc, x) => acc + x * x, 0));

describe('clipToNorm', () => {
  it('scales a 3-4-5 vector to the bound and leaves a short one alone (same array)', () => {
    const long = clipToNorm(new Float32Array([3, 4]), 1);
    expect(long).toMatchObject({ norm: 5, clipped: true });
    expect(Array.from(long.delta)).toEqual([Math.fround(0.6), Math.fround(0.8)]);
    const short = new Float32Array([0.3, 0.4]);
    expect(clipToNorm(short, 1).delta).toBe(short);
  });

  it('bounds the norm by maxNorm and keeps the direction', () => {
    fc.assert(
      fc.property(
        fc.array(float32Value, { minLength: 1, maxLength: 60 }),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        (values, maxNorm) => {
          const delta = Float32Array.from(values);
          const { delta: out, norm: reported } = clipToNorm(delta, maxNorm);
          expect(reported).toBeCloseTo(norm(delta), 3);
          expect(norm(out)).toBeLessThanOrEqual(maxNorm * (1 + 1e-6));
          const scale = norm(delta) > maxNorm ? maxNorm / norm(delta) : 1;
          out.forEach((x, i) =>
            expect(Math.abs(x - delta[i] * scale)).toBeLessThanOrEqual(1e-6 * Math.abs(delta[i] * scale) + 1e-30),
          );
        },
      ),
    );
  });

  it('handles float32 extremes: 3.4e38 everywhere clips to the bound without overflow', () => {
    const { delta, clipped } = clipToNorm(new Float32Array(343).fill(3.4e38), 2);
    expect(clipped).toBe(true);
    expect(norm(delta)).toBeCloseTo(2, 5);
  });

  it('names bad arguments', () => {
    expect(() => clipToNorm(new Float32Array([1]), 0)).toThrow('maxNorm must be a finite number > 0, got 0');
    expect(() => clipToNorm(new Float32Array([Number.NaN]), 1)).toThrow('delta must be finite');
  });
});
