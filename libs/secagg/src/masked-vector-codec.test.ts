import fc from 'fast-check';
import { packBits, unpackBits } from '@edgefl/quantization';
import { packMaskedVector, unpackMaskedVector } from './masked-vector-codec';
import { toHex } from './testing/test-bytes';

/** Every modulus width a secure round may use (1..32); quantized levels use 1..16 of them. */
const SECAGG_WIDTHS = Array.from({ length: 32 }, (_, i) => i + 1);

/** The format spelled out bit by bit (docs/SECAGG.md): stream bit j is bit j % 8 of byte j / 8. */
function referencePack(vector: ArrayLike<number>, bits: number): Uint8Array {
  const out = new Uint8Array(Math.ceil((vector.length * bits) / 8));
  for (let j = 0; j < vector.length * bits; j++) {
    const bit = Math.floor(vector[Math.floor(j / bits)] / 2 ** (j % bits)) % 2;
    out[j >>> 3] |= bit << (j & 7);
  }
  return out;
}

describe('packMaskedVector / unpackMaskedVector', () => {
  it('matches the frozen vectors (docs/SECAGG.md)', () => {
    expect(toHex(packMaskedVector(Uint32Array.of(1, 2, 3), 4))).toBe('2103');
    expect(toHex(packMaskedVector(Uint32Array.of(0x7ffff, 1, 0x12345), 20))).toBe('ffff170000452301');
    expect(toHex(packMaskedVector(Uint32Array.of(0xdeadbeef), 32))).toBe('efbeadde');
  });

  it('is the stream of quantized levels: both libs frozen vectors agree', () => {
    // quantization's vectors (pack-bits.test.ts, docs/PROTOCOL.md section 6) through the secagg codec
    expect(toHex(packMaskedVector(Uint32Array.of(5, 3, 7), 3))).toBe('dd01');
    expect(toHex(packMaskedVector(Uint32Array.of(0, 2, 4, 4, 7), 3))).toBe('1079');
    expect(toHex(packMaskedVector(Uint32Array.of(0x1ffffff, 1), 25))).toBe('ffffff03000000');
    // secagg's vectors through packBits
    expect(toHex(packBits([1, 2, 3], 4))).toBe('2103');
    expect(toHex(packBits([0x7ffff, 1, 0x12345], 20))).toBe('ffff170000452301');
    expect(Array.from(unpackBits(Uint8Array.of(0xff, 0xff, 0x17, 0, 0, 0x45, 0x23, 0x01), 20, 3))).toEqual([
      0x7ffff, 1, 0x12345,
    ]);
  });

  it.each(SECAGG_WIDTHS)('round-trips at %i bits, bit for bit the reference layout', (bits) => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 0xffffffff }), { minLength: 1, maxLength: 50 }), (raw) => {
        const vector = Uint32Array.from(raw, (v) => (bits === 32 ? v : v % 2 ** bits));
        const packed = packMaskedVector(vector, bits);
        expect(packed).toHaveLength(Math.ceil((vector.length * bits) / 8));
        expect(toHex(packed)).toBe(toHex(referencePack(vector, bits)));
        expect(unpackMaskedVector(packed, bits, vector.length)).toEqual(vector);
      }),
      { numRuns: 30 },
    );
  });

  it('names bad input', () => {
    expect(() => packMaskedVector(Uint32Array.of(16), 4)).toThrow(/vector\[0\]/);
    expect(() => packMaskedVector([1] as unknown as Uint32Array, 4)).toThrow(/vector must be a Uint32Array/);
    expect(() => packMaskedVector(Uint32Array.of(1), 33)).toThrow(/modulusBits/);
    expect(() => unpackMaskedVector(new Uint8Array(3), 4, 3)).toThrow(/bytes must be 2 bytes/);
    expect(() => unpackMaskedVector(Uint8Array.of(0x21, 0x13), 4, 3)).toThrow(/padding/);
    expect(() => unpackMaskedVector(new Uint8Array(0), 4, 0)).toThrow(/vectorLength/);
  });
});
