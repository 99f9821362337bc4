import { seededRandomSource } from './seeded-random-source';

/**
 * The randomized Hadamard rotation of the distributed discrete Gaussian (Kairouz, Liu, Steinke
 * 2021, Section 4, "flattening"): x -> H D x / sqrt(d) for d a power of two, D a diagonal of
 * random signs from `seed` (SHA-512 stream, bit i of the stream gives the sign of coordinate i)
 * and H the Walsh-Hadamard matrix. Orthonormal, so L2 norms are kept, and it spreads a vector's
 * energy evenly so that every coordinate is small with high probability. `inverse` undoes it:
 * D H y / sqrt(d), since H H = d I.
 *
 * @example
 * const y = randomizedHadamard(padded, seed);          // rotate (length a power of two)
 * const x = randomizedHadamard(y, seed, true);         // back
 */
export function randomizedHadamard(vector: Float64Array, seed: Uint8Array, inverse = false): Float64Array {
  const d = vector.length;
  if (d < 1 || (d & (d - 1)) !== 0) throw new RangeError(`vector length must be a power of two, got ${d}`);
  const signs = rotationSigns(seed, d);
  const out = new Float64Array(vector);
  if (!inverse) for (let i = 0; i < d; i++) out[i] *= signs[i];
  walshHadamard(out);
  const norm = 1 / Math.sqrt(d);
  for (let i = 0; i < d; i++) out[i] *= norm;
  if (inverse) for (let i = 0; i < d; i++) out[i] *= signs[i];
  return out;
}

/** The smallest power of two >= n. */
export function paddedLengthFor(n: number): number {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a positive integer, got ${n}`);
  return 2 ** Math.ceil(Math.log2(n));
}

function rotationSigns(seed: Uint8Array, d: number): Int8Array {
  const source = seededRandomSource(seed);
  const signs = new Int8Array(d);
  for (let i = 0; i < d; i += 8) {
    const byte = source.nextByte();
    for (let b = 0; b < 8 && i + b < d; b++) signs[i + b] = (byte >> b) & 1 ? -1 : 1;
  }
  return signs;
}

/** In-place fast Walsh-Hadamard transform (unnormalized, natural order). */
function walshHadamard(a: Float64Array): void {
  for (let h = 1; h < a.length; h *= 2) {
    for (let i = 0; i < a.length; i += 2 * h) {
      for (let j = i; j < i + h; j++) {
        const x = a[j];
        const y = a[j + h];
        a[j] = x + y;
        a[j + h] = x - y;
      }
    }
  }
}
