import fc from 'fast-check';
import { clipToL2Norm } from './clip-to-l2-norm';

const l2 = (v: Float32Array): number => Math.sqrt(v.reduce((a, x) => a + x * x, 0));

describe('clipToL2Norm', () => {
  it('no output exceeds the clip, and vectors within it are unchanged (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.float({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 200 }),
        fc.double({ min: 1e-3, max: 100, noNaN: true }),
        (values, clip) => {
          const vector = new Float32Array(values);
          const { clipped, norm } = clipToL2Norm(vector, clip);
          if (l2(clipped) > clip) return false;
          return norm > clip || clipped.every((x, i) => x === vector[i]);
        },
      ),
      { seed: 13 },
    );
  });

  it('scales a long vector onto the sphere and keeps its direction', () => {
    const { clipped, norm } = clipToL2Norm(new Float32Array([3, 4]), 1);
    expect(norm).toBe(5);
    expect(clipped[0]).toBeCloseTo(0.6, 5);
    expect(clipped[1]).toBeCloseTo(0.8, 5);
  });

  it('names bad arguments', () => {
    expect(() => clipToL2Norm(new Float32Array(1), 0)).toThrow(/clip/);
    expect(() => clipToL2Norm(new Float32Array([Number.NaN]), 1)).toThrow(/finite/);
  });
});
