import { assertPackBits, packedByteLength } from './packed-byte-length';

/**
 * Packs unsigned integers of `bits` bits each into a little-endian, LSB-first bit stream: value `i`
 * occupies stream bits `[i * bits, (i + 1) * bits)`, stream bit `j` is bit `j % 8` of byte
 * `floor(j / 8)`, and unused high bits of the last byte are zero. Output is
 * `ceil(levels.length * bits / 8)` bytes. Throws a RangeError naming `levels` for a value that is
 * not an integer in `[0, 2^bits - 1]` (`name` is how the error calls the input, e.g. `vector` for a
 * masked SecAgg vector, which is the same stream: docs/SECAGG.md, "Masked vector packing").
 *
 * @example
 * packBits([5, 3, 7], 3); // Uint8Array [0xdd, 0x01]: 101 | 011 | 111 from the low bit up
 */
export function packBits(
  levels: Uint16Array | Uint32Array | ArrayLike<number>,
  bits: number,
  name = 'levels',
): Uint8Array {
  assertPackBits(bits);
  assertLevelArray(levels, name);
  const out = new Uint8Array(packedByteLength(levels.length, bits));
  packBitsInto(levels, bits, out, 0, name);
  return out;
}

/**
 * `packBits` writing into `out` from `byteOffset` (which must have room), for encoders that
 * assemble one buffer. Returns the offset after the last byte written; `name` as in `packBits`.
 *
 * @example
 * const end = packBitsInto(levels, 4, buffer, headerLength);
 */
export function packBitsInto(
  levels: Uint16Array | Uint32Array | ArrayLike<number>,
  bits: number,
  out: Uint8Array,
  byteOffset: number,
  name = 'levels',
): number {
  assertPackBits(bits);
  assertLevelArray(levels, name);
  const count = levels.length;
  const end = byteOffset + packedByteLength(count, bits);
  if (!(out instanceof Uint8Array)) throw new TypeError('out must be a Uint8Array');
  if (!Number.isInteger(byteOffset) || byteOffset < 0 || end > out.length) {
    throw new RangeError(`out has no room for ${end - byteOffset} bytes at byteOffset ${byteOffset}`);
  }
  const maxLevel = bits === 32 ? 0xffffffff : 2 ** bits - 1;
  // Typed arrays whose element type cannot exceed the level range skip the per-value check.
  const checked = !((levels instanceof Uint16Array && bits >= 16) || (levels instanceof Uint32Array && bits === 32));
  if (bits === 8) {
    for (let i = 0; i < count; i++) {
      const v = levels[i];
      if (checked && (v >>> 0 !== v || v > maxLevel)) throw badLevel(name, i, v, bits);
      out[byteOffset + i] = v;
    }
  } else if (bits === 16) {
    for (let i = 0, p = byteOffset; i < count; i++, p += 2) {
      const v = levels[i];
      if (checked && (v >>> 0 !== v || v > maxLevel)) throw badLevel(name, i, v, bits);
      out[p] = v & 0xff;
      out[p + 1] = v >>> 8;
    }
  } else if (bits === 32) {
    for (let i = 0, p = byteOffset; i < count; i++, p += 4) {
      const v = levels[i];
      if (checked && v >>> 0 !== v) throw badLevel(name, i, v, bits);
      out[p] = v & 0xff;
      out[p + 1] = (v >>> 8) & 0xff;
      out[p + 2] = (v >>> 16) & 0xff;
      out[p + 3] = v >>> 24;
    }
  } else {
    // The accumulator holds at most 7 pending bits + the bits pushed: values of up to 24 bits go in
    // whole, wider ones (25..31) as their low 16 bits, then their high bits, to stay within 32.
    const lowBits = bits <= 24 ? bits : 16;
    const lowMask = 2 ** lowBits - 1;
    const highBits = bits - lowBits;
    let acc = 0;
    let accBits = 0;
    let p = byteOffset;
    for (let i = 0; i < count; i++) {
      const v = levels[i];
      if (checked && (v >>> 0 !== v || v > maxLevel)) throw badLevel(name, i, v, bits);
      acc |= (v & lowMask) << accBits;
      accBits += lowBits;
      if (highBits > 0) {
        while (accBits >= 8) {
          out[p++] = acc & 0xff;
          acc >>>= 8;
          accBits -= 8;
        }
        acc |= (v >>> 16) << accBits;
        accBits += highBits;
      }
      while (accBits >= 8) {
        out[p++] = acc & 0xff;
        acc >>>= 8;
        accBits -= 8;
      }
    }
    if (accBits > 0) out[p] = acc & 0xff;
  }
  return end;
}

function assertLevelArray(levels: unknown, name: string): asserts levels is ArrayLike<number> {
  if (levels === null || typeof levels !== 'object' || typeof (levels as ArrayLike<number>).length !== 'number') {
    throw new TypeError(`${name} must be an array or typed array of integers, got ${String(levels)}`);
  }
}

function badLevel(name: string, index: number, value: number, bits: number): RangeError {
  return new RangeError(`${name}[${index}] must be an integer in [0, 2^${bits} - 1], got ${value}`);
}
