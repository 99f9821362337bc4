import fc from 'fast-check';
import { applyDelta } from './apply-delta';
import { computeDelta } from './compute-delta';

const vectorPair = fc
  .integer({ min: 0, max: 50 })
  .chain((n) =>
    fc.tuple(
      fc.float32Array({ minLength: n, maxLength: n, noNaN: true, noDefaultInfinity: true, min: -1e3, max: 1e3 }),
      fc.float32Array({ minLength: n, maxLength: n, noNaN: true, noDefaultInfinity: true, min: -1e3, max: 1e3 }),
    ),
  );

describe('computeDelta / applyDelta', () => {
  it('applying the delta recovers the local weights (to float32 rounding)', () => {
    fc.assert(
      fc.property(vectorPair, ([local, global]) => {
        const back = applyDelta(global, computeDelta(local, global));
        return back.every((v, i) => Math.abs(v - local[i]) <= 1e-4 * (1 + Math.abs(local[i])));
      }),
    );
  });

  it('scales the delta and leaves the inputs untouched', () => {
    const global = Float32Array.of(1, 2);
    const delta = Float32Array.of(4, -2);
    expect(applyDelta(global, delta, 0.5)).toEqual(Float32Array.of(3, 1));
    expect(global).toEqual(Float32Array.of(1, 2));
    expect(computeDelta(Float32Array.of(3, 1), Float32Array.of(1, 1))).toEqual(Float32Array.of(2, 0));
  });

  it('a zero scale or zero delta is the identity', () => {
    fc.assert(
      fc.property(vectorPair, ([a, b]) => {
        expect(applyDelta(a, b, 0).every((v, i) => v === a[i])).toBe(true);
        expect(computeDelta(a, a).every((v) => v === 0)).toBe(true);
      }),
    );
  });

  it('names a bad argument', () => {
    expect(() => computeDelta(new Float32Array(2), new Float32Array(3))).toThrow(/local has 2/);
    expect(() => applyDelta(new Float32Array(2), new Float32Array(3))).toThrow(/delta has 3/);
    expect(() => applyDelta(new Float32Array(1), new Float32Array(1), Number.NaN)).toThrow(/scale/);
    expect(() => computeDelta([1] as unknown as Float32Array, new Float32Array(1))).toThrow(/local must be/);
  });
});
