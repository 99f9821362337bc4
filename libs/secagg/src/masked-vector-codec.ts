import { packBits, packedByteLength, unpackBits } from '@edgefl/quantization';
import { assertModulusBits, assertVectorLength } from './argument-checks';

/**
 * Packs a vector mod 2^m into ceil(L*m/8) bytes: element i occupies bits i*m .. i*m+m-1 of the
 * little-endian bit stream (bit j of the stream is bit j%8 of byte floor(j/8)); the unused high
 * bits of the last byte are zero. With m = 8 or 16 this is plain little-endian u8/u16.
 *
 * This is the LSB-first stream of `packBits` (@edgefl/quantization), the same format as the levels
 * of a quantized update (docs/PROTOCOL.md section 6): one packer serves both.
 *
 * @example
 * packMaskedVector(Uint32Array.of(1, 2, 3), 4); // Uint8Array [0x21, 0x03]
 */
export function packMaskedVector(vector: Uint32Array, modulusBits: number): Uint8Array {
  if (!(vector instanceof Uint32Array)) throw new TypeError('vector must be a Uint32Array');
  assertModulusBits(modulusBits);
  return packBits(vector, modulusBits, 'vector');
}

/**
 * Inverse of {@link packMaskedVector}; checks the byte length and that the padding bits are zero.
 *
 * @example
 * unpackMaskedVector(Uint8Array.of(0x21, 0x03), 4, 3); // Uint32Array [1, 2, 3]
 */
export function unpackMaskedVector(bytes: Uint8Array, modulusBits: number, vectorLength: number): Uint32Array {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('bytes must be a Uint8Array');
  assertModulusBits(modulusBits);
  assertVectorLength(vectorLength);
  const expectedLength = packedByteLength(vectorLength, modulusBits);
  if (bytes.length !== expectedLength) {
    throw new RangeError(
      `bytes must be ${expectedLength} bytes for ${vectorLength} elements of ${modulusBits} bits, got ${bytes.length}`,
    );
  }
  const usedBitsInLast = (vectorLength * modulusBits) % 8;
  if (usedBitsInLast !== 0 && bytes[bytes.length - 1] >>> usedBitsInLast !== 0) {
    throw new RangeError('bytes has non-zero padding bits after the last element');
  }
  return unpackBits(bytes, modulusBits, vectorLength);
}
