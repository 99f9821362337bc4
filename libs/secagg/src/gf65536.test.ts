import fc from 'fast-check';
import { gfDiv, gfMul, gfPowerOfX } from './gf65536';

describe('GF(2^16)', () => {
  it('x generates all 65535 non-zero elements (the polynomial is primitive)', () => {
    const seen = new Uint8Array(65536);
    for (let power = 0; power < 65535; power++) seen[gfPowerOfX(power)]++;
    expect(seen[0]).toBe(0);
    expect(seen.subarray(1).every((count) => count === 1)).toBe(true);
  });

  it('division inverts multiplication, multiplication distributes over XOR', () => {
    const element = fc.integer({ min: 0, max: 65535 });
    const nonZero = fc.integer({ min: 1, max: 65535 });
    fc.assert(
      fc.property(element, nonZero, element, (a, b, c) => {
        expect(gfDiv(gfMul(a, b), b)).toBe(a);
        expect(gfMul(a, b ^ c)).toBe(gfMul(a, b) ^ gfMul(a, c));
      }),
    );
  });

  it('names division by zero', () => {
    expect(() => gfDiv(1, 0)).toThrow(/division by zero/);
  });
});
