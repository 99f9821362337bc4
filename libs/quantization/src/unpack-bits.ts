import { assertPackBits, packedByteLength } from './packed-byte-length';

/**
 * Reads `count` unsigned integers of `bits` bits from a bit stream written by `packBits`
 * (little-endian, LSB-first). Bytes past the first `ceil(count * bits / 8)` are ignored; a shorter
 * `bytes` throws a RangeError naming it.
 *
 * @example
 * unpackBits(Uint8Array.of(0xdd, 0x01), 3, 3); // Uint32Array [5, 3, 7]
 */
export function unpackBits(bytes: Uint8Array, bits: number, count: number): Uint32Array {
  assertPackBits(bits);
  if (!Number.isInteger(count) || count < 0 || count > 0xffffffff) {
    throw new RangeError(`count must be a non-negative 32-bit integer, got ${count}`);
  }
  const out = new Uint32Array(count);
  unpackBitsInto(bytes, 0, bits, out);
  return out;
}

/**
 * `unpackBits` reading from `byteOffset` into `target` (`target.length` values), for decoders that
 * unpack straight into a `Uint16Array` (bits <= 16) or `Uint32Array`. Returns the offset after the
 * last byte read.
 *
 * @example
 * const levels = new Uint16Array(n);
 * unpackBitsInto(bytes, headerLength, 4, levels);
 */
export function unpackBitsInto(
  bytes: Uint8Array,
  byteOffset: number,
  bits: number,
  target: Uint16Array | Uint32Array,
): number {
  assertPackBits(bits);
  if (!(bytes instanceof Uint8Array)) throw new TypeError('bytes must be a Uint8Array');
  if (!(target instanceof Uint32Array || (target instanceof Uint16Array && bits <= 16))) {
    throw new TypeError(`target must be a Uint32Array, or a Uint16Array for bits <= 16 (bits is ${bits})`);
  }
  const count = target.length;
  const end = byteOffset + packedByteLength(count, bits);
  if (!Number.isInteger(byteOffset) || byteOffset < 0 || end > bytes.length) {
    throw new RangeError(
      `bytes too short: ${count} values of ${bits} bits at byteOffset ${byteOffset} need ${end} bytes, got ${bytes.length}`,
    );
  }
  if (bits === 8) {
    for (let i = 0; i < count; i++) target[i] = bytes[byteOffset + i];
  } else if (bits === 16) {
    for (let i = 0, p = byteOffset; i < count; i++, p += 2) target[i] = bytes[p] | (bytes[p + 1] << 8);
  } else if (bits === 32) {
    for (let i = 0, p = byteOffset; i < count; i++, p += 4) {
      target[i] = (bytes[p] | (bytes[p + 1] << 8) | (bytes[p + 2] << 16) | (bytes[p + 3] << 24)) >>> 0;
    }
  } else if (bits <= 24) {
    // Fewer than `bits` pending bits + 8 new ones: at most 31 bits in the accumulator.
    const mask = (1 << bits) - 1;
    let acc = 0;
    let accBits = 0;
    let p = byteOffset;
    for (let i = 0; i < count; i++) {
      while (accBits < bits) {
        acc |= bytes[p++] << accBits;
        accBits += 8;
      }
      target[i] = acc & mask;
      acc >>>= bits;
      accBits -= bits;
    }
  } else {
    // 25..31 bits: read the low 16 bits, then the high ones, to stay within 32.
    const highBits = bits - 16;
    const highMask = (1 << highBits) - 1;
    let acc = 0;
    let accBits = 0;
    let p = byteOffset;
    for (let i = 0; i < count; i++) {
      while (accBits < 16) {
        acc |= bytes[p++] << accBits;
        accBits += 8;
      }
      const low = acc & 0xffff;
      acc >>>= 16;
      accBits -= 16;
      while (accBits < highBits) {
        acc |= bytes[p++] << accBits;
        accBits += 8;
      }
      target[i] = (((acc & highMask) << 16) | low) >>> 0;
      acc >>>= highBits;
      accBits -= highBits;
    }
  }
  return end;
}
