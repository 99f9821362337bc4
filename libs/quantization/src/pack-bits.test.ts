import fc from 'fast-check';
import { packBits, packBitsInto } from './pack-bits';
import { packedByteLength } from './packed-byte-length';
import { unpackBits } from './unpack-bits';

const ALL_WIDTHS = Array.from({ length: 32 }, (_, i) => i + 1);

describe('packBits', () => {
  it('writes the frozen LSB-first vectors', () => {
    // 5 = 101, 3 = 011, 7 = 111 from stream bit 0 up: 1,0,1, 1,1,0, 1,1,1 -> 0b11011101, 0b1
    expect(Array.from(packBits([5, 3, 7], 3))).toEqual([0xdd, 0x01]);
    expect(Array.from(packBits([1, 0, 1, 1, 0, 0, 0, 0, 1], 1))).toEqual([0x0d, 0x01]);
    expect(Array.from(packBits([0xabc, 0x123], 12))).toEqual([0xbc, 0x3a, 0x12]);
    expect(Array.from(packBits([0x1234, 0xfffe], 16))).toEqual([0x34, 0x12, 0xfe, 0xff]);
    expect(Array.from(packBits([0x89abcdef], 32))).toEqual([0xef, 0xcd, 0xab, 0x89]);
    expect(Array.from(packBits([0x1ffffff, 1], 25))).toEqual([0xff, 0xff, 0xff, 0x03, 0x00, 0x00, 0x00]);
    expect(packBits([], 7).length).toBe(0);
  });

  it.each(ALL_WIDTHS)('round-trips through unpackBits at %i bits, ceil(n*b/8) bytes', (bits) => {
    const max = bits === 32 ? 0xffffffff : 2 ** bits - 1;
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max }), { maxLength: 70 }), (values) => {
        const packed = packBits(values, bits);
        expect(packed.length).toBe(Math.ceil((values.length * bits) / 8));
        expect(Array.from(unpackBits(packed, bits, values.length))).toEqual(values);
      }),
      { numRuns: 40 },
    );
  });

  it('leaves the padding bits of the last byte zero', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 31 }), fc.integer({ min: 1, max: 20 }), (bits, count) => {
        const packed = packBits(new Array<number>(count).fill(bits === 32 ? 0xffffffff : 2 ** bits - 1), bits);
        const used = (count * bits) % 8;
        return used === 0 || packed[packed.length - 1] >>> used === 0;
      }),
    );
  });

  it('accepts Uint16Array and Uint32Array levels', () => {
    expect(Array.from(packBits(Uint16Array.of(1, 2, 3), 2))).toEqual([0x39]);
    expect(Array.from(packBits(Uint32Array.of(1, 2, 3), 2))).toEqual([0x39]);
  });

  it('packs into a larger buffer at an offset', () => {
    const out = new Uint8Array(5).fill(0xaa);
    expect(packBitsInto([5, 3, 7], 3, out, 2)).toBe(4);
    expect(Array.from(out)).toEqual([0xaa, 0xaa, 0xdd, 0x01, 0xaa]);
    expect(() => packBitsInto([5, 3, 7], 3, out, 4)).toThrow(/out has no room/);
  });

  it('names bad arguments', () => {
    expect(() => packBits([8], 3)).toThrow(/levels\[0\] must be an integer in \[0, 2\^3 - 1\]/);
    expect(() => packBits([0, -1], 3)).toThrow(/levels\[1\]/);
    expect(() => packBits([1.5], 8)).toThrow(/levels\[0\]/);
    expect(() => packBits(Uint16Array.of(300), 8)).toThrow(/levels\[0\]/);
    expect(() => packBits([2 ** 32], 32)).toThrow(/levels\[0\]/);
    expect(() => packBits([8], 3, 'vector')).toThrow(/^vector\[0\] must be/);
    expect(() => packBitsInto([1, 9], 3, new Uint8Array(1), 0, 'vector')).toThrow(/^vector\[1\]/);
    expect(() => packBits([1], 0)).toThrow(/bits must be an integer from 1 to 32/);
    expect(() => packBits([1], 33)).toThrow(/bits/);
    expect(() => packBits(null as unknown as number[], 3)).toThrow(/levels must be/);
    expect(() => packedByteLength(-1, 3)).toThrow(/count/);
  });
});
