import { assertModulusBits, assertVectorLength } from './argument-checks';
import { modulusMask } from './modulus-bits-for';

/**
 * Packs a vector mod 2^m into ceil(L*m/8) bytes: element i occupies bits i*m .. i*m+m-1 of the
 * little-endian bit stream (bit j of the stream is bit j%8 of byte floor(j/8)); the unused high
 * bits of the last byte are zero. With m = 8 or 16 this is plain little-endian u8/u16.
 *
 * @example
 * packMaskedVector(Uint32Array.of(1, 2, 3), 4); // Uint8Array [0x21, 0x03]
 */
export function packMaskedVector(vector: Uint32Array, modulusBits: number): Uint8Array {
  if (!(vector instanceof Uint32Array)) throw new TypeError('vector must be a Uint32Array');
  assertModulusBits(modulusBits);
  const mask = modulusMask(modulusBits);
  const out = new Uint8Array(Math.ceil((vector.length * modulusBits) / 8));
  let bitOffset = 0;
  for (let i = 0; i < vector.length; i++) {
    const value = vector[i];
    if (value > mask) throw new RangeError(`vector[${i}] = ${value} is not below 2^${modulusBits}`);
    let remaining = modulusBits;
    let rest = value;
    while (remaining > 0) {
      const byte = bitOffset >>> 3;
      const shift = bitOffset & 7;
      const take = Math.min(8 - shift, remaining);
      out[byte] |= (rest & ((1 << take) - 1)) << shift;
      rest = Math.floor(rest / 2 ** take);
      remaining -= take;
      bitOffset += take;
    }
  }
  return out;
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
  const expectedLength = Math.ceil((vectorLength * modulusBits) / 8);
  if (bytes.length !== expectedLength) {
    throw new RangeError(
      `bytes must be ${expectedLength} bytes for ${vectorLength} elements of ${modulusBits} bits, got ${bytes.length}`,
    );
  }
  const out = new Uint32Array(vectorLength);
  let bitOffset = 0;
  for (let i = 0; i < vectorLength; i++) {
    let value = 0;
    let filled = 0;
    while (filled < modulusBits) {
      const byte = bitOffset >>> 3;
      const shift = bitOffset & 7;
      const take = Math.min(8 - shift, modulusBits - filled);
      value += ((bytes[byte] >>> shift) & ((1 << take) - 1)) * 2 ** filled;
      filled += take;
      bitOffset += take;
    }
    out[i] = value;
  }
  const usedBitsInLast = bitOffset & 7;
  if (usedBitsInLast !== 0 && bytes[bytes.length - 1] >>> usedBitsInLast !== 0) {
    throw new RangeError('bytes has non-zero padding bits after the last element');
  }
  return out;
}
