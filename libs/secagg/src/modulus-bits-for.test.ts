import fc from 'fast-check';
import { modulusBitsFor, modulusMask } from './modulus-bits-for';

describe('modulusBitsFor', () => {
  it('is the smallest m with n * max < 2^m', () => {
    expect(modulusBitsFor(255, 10)).toBe(12);
    expect(modulusBitsFor(255, 1)).toBe(8);
    expect(modulusBitsFor(256, 1)).toBe(9);
    expect(modulusBitsFor(0, 5)).toBe(1);
    expect(modulusBitsFor(2 ** 22 - 1, 1000)).toBe(32);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 20 }), fc.integer({ min: 1, max: 4096 }), (max, n) => {
        const m = modulusBitsFor(max, n);
        expect(max * n).toBeLessThan(2 ** m);
        if (m > 1) expect(max * n).toBeGreaterThanOrEqual(2 ** (m - 1));
      }),
    );
  });

  it('refuses sums that need more than 32 bits and names bad arguments', () => {
    expect(() => modulusBitsFor(2 ** 32 - 1, 2)).toThrow(/at most 32/);
    expect(() => modulusBitsFor(-1, 2)).toThrow(/maxElementValue/);
    expect(() => modulusBitsFor(1, 0)).toThrow(/cohortSize/);
    expect(modulusMask(32)).toBe(0xffffffff);
    expect(modulusMask(8)).toBe(0xff);
    expect(() => modulusMask(0)).toThrow(/modulusBits/);
  });
});
