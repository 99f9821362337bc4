import fc from 'fast-check';
import { packMaskedVector, unpackMaskedVector } from './masked-vector-codec';
import { toHex } from './testing/test-bytes';

describe('packMaskedVector / unpackMaskedVector', () => {
  it('matches the frozen vectors (docs/SECAGG.md)', () => {
    expect(toHex(packMaskedVector(Uint32Array.of(1, 2, 3), 4))).toBe('2103');
    expect(toHex(packMaskedVector(Uint32Array.of(0x7ffff, 1, 0x12345), 20))).toBe('ffff170000452301');
    expect(toHex(packMaskedVector(Uint32Array.of(0xdeadbeef), 32))).toBe('efbeadde');
  });

  it('round-trips any vector at any width in ceil(L m / 8) bytes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 32 }),
        fc.array(fc.nat({ max: 0xffffffff }), { minLength: 1, maxLength: 50 }),
        (bits, raw) => {
          const vector = Uint32Array.from(raw, (v) => (bits === 32 ? v : v % 2 ** bits));
          const packed = packMaskedVector(vector, bits);
          expect(packed).toHaveLength(Math.ceil((vector.length * bits) / 8));
          expect(unpackMaskedVector(packed, bits, vector.length)).toEqual(vector);
        },
      ),
    );
  });

  it('names bad input', () => {
    expect(() => packMaskedVector(Uint32Array.of(16), 4)).toThrow(/vector\[0\]/);
    expect(() => unpackMaskedVector(new Uint8Array(3), 4, 3)).toThrow(/bytes must be 2 bytes/);
    expect(() => unpackMaskedVector(Uint8Array.of(0x21, 0x13), 4, 3)).toThrow(/padding/);
  });
});
