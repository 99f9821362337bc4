import fc from 'fast-check';
import { gridStep } from './grid-step';

describe('gridStep', () => {
  it('is the smallest float32 whose maxLevel multiple reaches the span (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-30, max: 1e30, noNaN: true }), fc.integer({ min: 1, max: 16 }), (span, bits) => {
        const maxLevel = 2 ** bits - 1;
        const step = gridStep(span, maxLevel);
        expect(step).toBe(Math.fround(step));
        expect(step * maxLevel).toBeGreaterThanOrEqual(span);
        // one float32 below would fall short
        const below = new Float32Array([step]);
        new Uint32Array(below.buffer)[0] -= 1;
        expect(below[0] * maxLevel).toBeLessThan(span);
      }),
    );
  });

  it('is 0 for an empty span', () => {
    expect(gridStep(0, 7)).toBe(0);
  });
});
