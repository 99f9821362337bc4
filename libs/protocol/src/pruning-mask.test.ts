import fc from 'fast-check';
import { applyPruningMask, gatherKept, pruningMaskFromFlags, scatterKept } from './pruning-mask';

describe('PruningMask', () => {
  const mask = pruningMaskFromFlags([1, 0, 1, 1, 0]);

  it('lists the kept coordinates in ascending order and refuses a mask that keeps nothing', () => {
    expect(mask.parameterCount).toBe(5);
    expect(Array.from(mask.keptIndices)).toEqual([0, 2, 3]);
    expect(() => pruningMaskFromFlags([0, false])).toThrow(/at least one coordinate/);
  });

  it('gathers the kept coordinates and scatters them back with exact zeros elsewhere', () => {
    const vector = new Float32Array([0.5, 9, -1.25, 3, 7]);
    const kept = gatherKept(vector, mask);
    expect(Array.from(kept)).toEqual([0.5, -1.25, 3]);
    expect(Array.from(scatterKept(kept, mask))).toEqual([0.5, 0, -1.25, 3, 0]);
    expect(Array.from(applyPruningMask(vector, mask))).toEqual([0.5, 0, -1.25, 3, 0]);
    const sum = scatterKept(new Float64Array([1e-300, 2, 3]), mask);
    expect(sum).toBeInstanceOf(Float64Array);
    expect(Array.from(sum)).toEqual([1e-300, 0, 2, 3, 0]);
  });

  it('names a length that does not match the mask', () => {
    expect(() => gatherKept(new Float32Array(4), mask)).toThrow(/vector must hold the mask's 5 coordinates, got 4/);
    expect(() => scatterKept(new Float32Array(4), mask)).toThrow(/values must hold the 3 kept coordinates, got 4/);
  });

  it('scatter inverts gather on the kept coordinates (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.float({ noNaN: true, noDefaultInfinity: true })), { minLength: 1 }),
        (entries) => {
          fc.pre(entries.some(([kept]) => kept));
          const m = pruningMaskFromFlags(entries.map(([kept]) => kept));
          const vector = Float32Array.from(entries.map(([, value]) => value));
          const back = scatterKept(gatherKept(vector, m), m);
          entries.forEach(([kept], i) => expect(back[i]).toBe(kept ? vector[i] : 0));
        },
      ),
    );
  });
});
