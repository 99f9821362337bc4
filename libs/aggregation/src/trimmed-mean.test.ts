import fc from 'fast-check';
import { trimmedMean } from './trimmed-mean';
import { closeToFloat32, float32Value, honestAndAttackers } from './testing/arbitraries';

describe('trimmedMean', () => {
  it('matches a fixed vector', () => {
    expect(
      Array.from(
        trimmedMean(
          [new Float32Array([1]), new Float32Array([2]), new Float32Array([3]), new Float32Array([1e30])],
          0.25,
        ),
      ),
    ).toEqual([2.5]);
  });

  it('stays within the honest range of every coordinate when attackers are at most the trimmed count', () => {
    fc.assert(
      fc.property(honestAndAttackers(3), ([honest, attackers]) => {
        const n = honest.length + attackers.length;
        // The smallest trim fraction that cuts `attackers` values at each end.
        const trim = Math.min(0.499, (attackers.length + 1e-9) / n);
        fc.pre(Math.floor(trim * n) >= attackers.length);
        const mean = trimmedMean([...honest, ...attackers], trim);
        mean.forEach((value, i) => {
          const column = honest.map((delta) => delta[i]);
          expect(value).toBeGreaterThanOrEqual(Math.fround(Math.min(...column)) - 1e-3);
          expect(value).toBeLessThanOrEqual(Math.fround(Math.max(...column)) + 1e-3);
        });
      }),
    );
  });

  it('with nothing cut is the arithmetic mean', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(float32Value, { minLength: 3, maxLength: 3 }).map((v) => Float32Array.from(v)),
          { minLength: 1, maxLength: 3 },
        ),
        (deltas) => {
          const mean = Array.from({ length: 3 }, (_, i) => deltas.reduce((acc, d) => acc + d[i], 0) / deltas.length);
          // floor(0.2 * n) = 0 for n <= 4.
          expect(closeToFloat32(trimmedMean(deltas, 0.2), mean, 1e3)).toBe(true);
        },
      ),
    );
  });

  it('names a bad trim', () => {
    expect(() => trimmedMean([new Float32Array(1)], 0.5)).toThrow('trim must be a number in [0, 0.5), got 0.5');
  });
});
