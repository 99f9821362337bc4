import { assertBytes, assertModulusBits } from './argument-checks';
import { modulusMask } from './modulus-bits-for';
import { xsalsa20Keystream } from './xsalsa20-keystream';

/** The XSalsa20 nonce of the mask PRG: 24 zero bytes. Safe because every seed keys one expansion only. */
export const PRG_NONCE = new Uint8Array(24);

/**
 * Expands a 32-byte seed into `length` elements mod 2^modulusBits: element i is the little-endian
 * u32 at keystream bytes 4i..4i+3 of XSalsa20(key = seed, nonce = 24 zero bytes), masked to its
 * low `modulusBits` bits. Masking a uniform 32-bit word keeps it uniform mod 2^m.
 *
 * @example
 * const mask = prgExpand(seed, 1000, 20); // 1000 values in 0..2^20-1
 */
export function prgExpand(seed: Uint8Array, length: number, modulusBits: number): Uint32Array {
  assertBytes(seed, 32, 'seed');
  if (!Number.isInteger(length) || length < 0 || length > 1 << 28) {
    throw new RangeError(`length must be an integer in 0..2^28, got ${length}`);
  }
  assertModulusBits(modulusBits);
  const mask = modulusMask(modulusBits);
  const stream = xsalsa20Keystream(seed, PRG_NONCE, 4 * length);
  const out = new Uint32Array(length);
  for (let i = 0, b = 0; i < length; i++, b += 4) {
    out[i] = (stream[b] | (stream[b + 1] << 8) | (stream[b + 2] << 16) | (stream[b + 3] << 24)) & mask;
  }
  return out;
}
