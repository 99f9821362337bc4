import nacl from 'tweetnacl';
import { assertBytes, assertClientIndex } from './argument-checks';
import { gfDiv, gfMul } from './gf65536';

/**
 * Shamir t-of-n sharing of 32-byte secrets over GF(2^16), one field element per 2-byte word.
 *
 * Why GF(2^16): share indices are the holders' 1-based cohort positions and must be non-zero,
 * distinct field elements, so a 16-bit field admits cohorts up to 65535; each share is exactly
 * as long as the secret (32 bytes); arithmetic is table lookups and XOR, no BigInt. The 16 words
 * are shared with independent random polynomials, so any t-1 shares leave every word, hence the
 * whole secret, uniformly undetermined (perfect secrecy per word, Shamir 1979).
 *
 * Encoding (docs/SECAGG.md, "Shamir"): word w of a 32-byte string is bytes[2w] | bytes[2w+1] << 8.
 * The polynomial of word w is f_w(z) = s_w + sum_{d=1}^{t-1} c_{d,w} z^d, where c_{d,w} is the
 * little-endian u16 at offset ((d-1)*16 + w)*2 of randomBytes((t-1)*32). The share for holder i
 * is the 32 bytes of the words f_w(i).
 */

/** One share: the holder's 1-based index and 32 bytes of share value. */
export interface ShamirShare {
  readonly index: number;
  readonly value: Uint8Array;
}

/** Source of uniformly random bytes; tweetnacl's CSPRNG unless a test injects a fixed one. */
export type RandomBytes = (length: number) => Uint8Array;

export const SHAMIR_SECRET_BYTES = 32;
const WORDS = SHAMIR_SECRET_BYTES / 2;

/**
 * Splits a 32-byte secret into one share per holder index; any `threshold` of them rebuild it.
 *
 * @example
 * const shares = shamirSplit(nacl.randomBytes(32), 3, [1, 2, 5, 9]);
 * shamirCombine([shares[0], shares[2], shares[3]], 3); // the secret
 */
export function shamirSplit(
  secret: Uint8Array,
  threshold: number,
  holderIndices: readonly number[],
  randomBytes: RandomBytes = nacl.randomBytes,
): ShamirShare[] {
  assertBytes(secret, SHAMIR_SECRET_BYTES, 'secret');
  if (!Array.isArray(holderIndices) || holderIndices.length === 0) {
    throw new TypeError('holderIndices must be a non-empty array of share indices');
  }
  assertDistinctIndices(holderIndices, 'holderIndices');
  if (!Number.isInteger(threshold) || threshold < 1 || threshold > holderIndices.length) {
    throw new RangeError(`threshold must be an integer in 1..${holderIndices.length}, got ${threshold}`);
  }
  const coefficientBytes = (threshold - 1) * SHAMIR_SECRET_BYTES;
  const randomness = coefficientBytes === 0 ? new Uint8Array(0) : randomBytes(coefficientBytes);
  assertBytes(randomness, coefficientBytes, 'randomBytes(...) result');

  const secretWords = readWords(secret);
  const coefficientWords = readWords(randomness); // [(d-1)*16 + w]
  return holderIndices.map((index) => {
    const value = new Uint8Array(SHAMIR_SECRET_BYTES);
    for (let w = 0; w < WORDS; w++) {
      // Horner: ((c_{t-1} z + c_{t-2}) z + ... + c_1) z + s
      let acc = 0;
      for (let degree = threshold - 1; degree >= 1; degree--) {
        acc = gfMul(acc, index) ^ coefficientWords[(degree - 1) * WORDS + w];
      }
      acc = gfMul(acc, index) ^ secretWords[w];
      value[2 * w] = acc & 0xff;
      value[2 * w + 1] = acc >>> 8;
    }
    return { index, value };
  });
}

/**
 * Rebuilds the secret from at least `threshold` shares by Lagrange interpolation at 0, using the
 * first `threshold` of them. Consistent shares always rebuild the secret; with fewer than
 * `threshold` it throws instead of guessing.
 *
 * @example
 * const secret = shamirCombine(sharesFromHolders, 3);
 */
export function shamirCombine(shares: readonly ShamirShare[], threshold: number): Uint8Array {
  if (!Number.isInteger(threshold) || threshold < 1) {
    throw new RangeError(`threshold must be a positive integer, got ${threshold}`);
  }
  if (!Array.isArray(shares) || shares.length < threshold) {
    throw new RangeError(`shares must hold at least threshold = ${threshold} shares`);
  }
  const used = shares.slice(0, threshold);
  used.forEach((share, position) => assertBytes(share?.value, SHAMIR_SECRET_BYTES, `shares[${position}].value`));
  const indices = used.map((share) => share.index);
  assertDistinctIndices(indices, 'shares[].index');

  // In characteristic 2, l_j(0) = prod_{m != j} x_m / (x_m - x_j) = prod x_m / (x_m XOR x_j).
  const basisAtZero = indices.map((xj, j) => {
    let numerator = 1;
    let denominator = 1;
    for (let m = 0; m < indices.length; m++) {
      if (m === j) continue;
      numerator = gfMul(numerator, indices[m]);
      denominator = gfMul(denominator, indices[m] ^ xj);
    }
    return gfDiv(numerator, denominator);
  });

  const secret = new Uint8Array(SHAMIR_SECRET_BYTES);
  for (let w = 0; w < WORDS; w++) {
    let acc = 0;
    for (let j = 0; j < used.length; j++) {
      const word = used[j].value[2 * w] | (used[j].value[2 * w + 1] << 8);
      acc ^= gfMul(basisAtZero[j], word);
    }
    secret[2 * w] = acc & 0xff;
    secret[2 * w + 1] = acc >>> 8;
  }
  return secret;
}

function readWords(bytes: Uint8Array): Uint16Array {
  const words = new Uint16Array(bytes.length / 2);
  for (let i = 0; i < words.length; i++) words[i] = bytes[2 * i] | (bytes[2 * i + 1] << 8);
  return words;
}

function assertDistinctIndices(indices: readonly number[], name: string): void {
  const seen = new Set<number>();
  for (const index of indices) {
    assertClientIndex(index, name);
    if (seen.has(index)) throw new RangeError(`${name} repeats index ${index}`);
    seen.add(index);
  }
}
