import { toFloat16Bits } from './float16';

describe('toFloat16Bits', () => {
  it('encodes IEEE 754 half-precision vectors', () => {
    const values = new Float32Array([
      1,
      -2,
      0,
      -0,
      65504,
      70000,
      0.1,
      5.960464477539063e-8,
      1e-8,
      6.103515625e-5,
      Infinity,
      1.0009765625,
      1.00048828125,
    ]);
    expect(Array.from(toFloat16Bits(values))).toEqual([
      0x3c00, 0xc000, 0x0000, 0x8000, 0x7bff, 0x7c00, 0x2e66, 0x0001, 0x0000, 0x0400, 0x7c00, 0x3c01,
      // halfway between 0x3c00 and 0x3c01: ties to even
      0x3c00,
    ]);
  });

  it('keeps NaN a NaN', () => {
    const bits = toFloat16Bits(new Float32Array([NaN]))[0];
    expect(bits & 0x7c00).toBe(0x7c00);
    expect(bits & 0x3ff).not.toBe(0);
  });
});
