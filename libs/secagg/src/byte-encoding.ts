/**
 * The byte encodings that every signed, hashed or encrypted secagg structure is built from
 * (docs/SECAGG.md, "Byte encodings"): ASCII domain tags without terminator, unsigned 32-bit
 * little-endian integers, and round ids as a u32 little-endian byte length followed by UTF-8.
 */

const utf8 = new TextEncoder();

/** ASCII/UTF-8 bytes of a domain-separation tag, no length prefix, no terminator. */
export function encodeDomainTag(tag: string): Uint8Array {
  return utf8.encode(tag);
}

/** An unsigned 32-bit integer, little-endian. */
export function encodeUint32(value: number): Uint8Array {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new RangeError(`value must be an unsigned 32-bit integer, got ${value}`);
  }
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value, true);
  return out;
}

/** A round id: u32 little-endian byte length, then its UTF-8 bytes. */
export function encodeRoundId(roundId: string): Uint8Array {
  const bytes = utf8.encode(roundId);
  return concatBytes(encodeUint32(bytes.length), bytes);
}

/** Concatenates byte arrays into a fresh one. */
export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Constant-length comparison of two byte arrays (no early exit on the first difference). */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a[i] ^ b[i];
  return difference === 0;
}
