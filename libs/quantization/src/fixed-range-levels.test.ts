import { fixedRangeLevels } from './fixed-range-levels';

describe('fixedRangeLevels', () => {
  it('shares offset -range and a step covering [-range, range]', () => {
    const grid = fixedRangeLevels(8, 8);
    expect(grid).toEqual({ bits: 8, range: 8, offset: -8, step: Math.fround(16 / 255), maxLevel: 255 });
    for (let bits = 1; bits <= 16; bits++) {
      const { offset, step, maxLevel } = fixedRangeLevels(bits, 0.3);
      expect(offset).toBe(-Math.fround(0.3));
      expect(offset + step * maxLevel).toBeGreaterThanOrEqual(Math.fround(0.3));
      expect(step).toBe(Math.fround(step));
    }
  });

  it('names bad arguments', () => {
    expect(() => fixedRangeLevels(0, 1)).toThrow(/bits must be an integer from 1 to 16/);
    expect(() => fixedRangeLevels(8, 0)).toThrow(/range must be/);
    expect(() => fixedRangeLevels(8, Infinity)).toThrow(/range must be/);
    expect(() => fixedRangeLevels(1, 3e38)).toThrow(/too large/);
  });
});
