import { packBits } from './pack-bits';
import { unpackBits, unpackBitsInto } from './unpack-bits';

describe('unpackBits', () => {
  it('reads the frozen LSB-first vectors', () => {
    expect(Array.from(unpackBits(Uint8Array.of(0xdd, 0x01), 3, 3))).toEqual([5, 3, 7]);
    expect(Array.from(unpackBits(Uint8Array.of(0xef, 0xcd, 0xab, 0x89), 32, 1))).toEqual([0x89abcdef]);
    expect(Array.from(unpackBits(Uint8Array.of(0xbc, 0x3a, 0x12), 12, 2))).toEqual([0xabc, 0x123]);
  });

  it('ignores bytes past the packed length and reads from an offset', () => {
    expect(Array.from(unpackBits(Uint8Array.of(0xdd, 0x01, 0xff), 3, 3))).toEqual([5, 3, 7]);
    const target = new Uint16Array(3);
    expect(unpackBitsInto(Uint8Array.of(0xff, 0xdd, 0x01), 1, 3, target)).toBe(3);
    expect(Array.from(target)).toEqual([5, 3, 7]);
  });

  it('round-trips widths above 24 bits through the split path', () => {
    for (let bits = 25; bits <= 31; bits++) {
      const values = [0, 1, 2 ** bits - 1, 2 ** (bits - 1), 0x1234567 % 2 ** bits, 2 ** bits - 2];
      expect(Array.from(unpackBits(packBits(values, bits), bits, values.length))).toEqual(values);
    }
  });

  it('names bad arguments', () => {
    expect(() => unpackBits(Uint8Array.of(0xdd), 3, 3)).toThrow(/bytes too short/);
    expect(() => unpackBits(Uint8Array.of(0), 0, 1)).toThrow(/bits must be/);
    expect(() => unpackBits(Uint8Array.of(0), 3, -1)).toThrow(/count must be/);
    expect(() => unpackBits([1] as unknown as Uint8Array, 3, 1)).toThrow(/bytes must be a Uint8Array/);
    expect(() => unpackBitsInto(Uint8Array.of(0, 0, 0), 0, 17, new Uint16Array(1))).toThrow(/target must be/);
  });
});
