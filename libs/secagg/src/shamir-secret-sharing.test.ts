import fc from 'fast-check';
import nacl from 'tweetnacl';
import { gfDiv, gfMul } from './gf65536';
import { shamirCombine, shamirSplit, type ShamirShare } from './shamir-secret-sharing';
import { patternBytes, toHex } from './testing/test-bytes';

const secret = patternBytes(32, (i) => i);
const fixedRandom = (length: number): Uint8Array => patternBytes(length, (i) => i * 37 + 11);

describe('shamirSplit / shamirCombine', () => {
  it('matches the frozen 3-of-5 vector (docs/SECAGG.md)', () => {
    const shares = shamirSplit(secret, 3, [1, 2, 3, 4, 5], fixedRandom);
    expect(shares.map((share) => `${share.index}:${toHex(share.value)}`)).toEqual(SHAMIR_VECTOR);
    expect(shamirCombine([shares[4], shares[1], shares[2]], 3)).toEqual(secret);
  });

  it('any t of the shares rebuild the secret, at indices up to 65535', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 65535 }), { minLength: 1, maxLength: 12 }),
        fc.nat(),
        (value, indices, pick) => {
          const threshold = 1 + (pick % indices.length);
          const shares = shamirSplit(value, threshold, indices);
          const chosen = [...shares].sort(
            (a, b) => ((a.index * 7919 + pick) % 65521) - ((b.index * 7919 + pick) % 65521),
          );
          expect(shamirCombine(chosen, threshold)).toEqual(value);
        },
      ),
      { numRuns: 60 },
    );
    const shares = shamirSplit(secret, 2, [65535, 65534]);
    expect(shamirCombine(shares, 2)).toEqual(secret);
  });

  it('any t-1 shares are consistent with every secret (perfect secrecy)', () => {
    // For shares S of secret s and any other secret s', some coefficient randomness makes
    // split(s', ...) give exactly the same t-1 shares: the shares carry no information on s.
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 65535 }), { minLength: 2, maxLength: 6 }),
        (original, other, indices) => {
          const threshold = indices.length; // holders of t-1 = indices.length - 1 shares
          const seen = shamirSplit(original, threshold, indices).slice(0, threshold - 1);
          const randomness = coefficientsThrough(other, seen, threshold);
          const forged = shamirSplit(other, threshold, indices, () => randomness).slice(0, threshold - 1);
          expect(forged).toEqual(seen);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('names bad arguments', () => {
    expect(() => shamirSplit(new Uint8Array(31), 2, [1, 2])).toThrow(/secret/);
    expect(() => shamirSplit(secret, 3, [1, 2])).toThrow(/threshold/);
    expect(() => shamirSplit(secret, 1, [0])).toThrow(/holderIndices/);
    expect(() => shamirSplit(secret, 1, [65536])).toThrow(/holderIndices/);
    expect(() => shamirSplit(secret, 2, [3, 3])).toThrow(/repeats/);
    expect(() => shamirSplit(secret, 2, [1, 2], () => new Uint8Array(3))).toThrow(/randomBytes/);
    const shares = shamirSplit(secret, 2, [1, 2], nacl.randomBytes);
    expect(() => shamirCombine(shares.slice(0, 1), 2)).toThrow(/at least threshold/);
    expect(() => shamirCombine([shares[0], shares[0]], 2)).toThrow(/repeats/);
  });
});

/** Coefficient bytes c_1..c_{t-1} (shamirSplit's layout) of the polynomial through (0, secret) and the given shares. */
function coefficientsThrough(value: Uint8Array, shares: readonly ShamirShare[], threshold: number): Uint8Array {
  const xs = [0, ...shares.map((share) => share.index)];
  const out = new Uint8Array((threshold - 1) * 32);
  for (let w = 0; w < 16; w++) {
    const ys = [
      value[2 * w] | (value[2 * w + 1] << 8),
      ...shares.map((share) => share.value[2 * w] | (share.value[2 * w + 1] << 8)),
    ];
    const coefficients = interpolate(xs, ys);
    for (let degree = 1; degree < threshold; degree++) {
      const offset = ((degree - 1) * 16 + w) * 2;
      out[offset] = coefficients[degree] & 0xff;
      out[offset + 1] = coefficients[degree] >>> 8;
    }
  }
  return out;
}

/** Coefficients (constant first) of the Lagrange polynomial through (xs, ys) over GF(2^16). */
function interpolate(xs: number[], ys: number[]): number[] {
  const result = new Array<number>(xs.length).fill(0);
  xs.forEach((xj, j) => {
    let basis = [1];
    let denominator = 1;
    xs.forEach((xm, m) => {
      if (m === j) return;
      const next = new Array<number>(basis.length + 1).fill(0);
      basis.forEach((c, d) => {
        next[d + 1] ^= c; // c * z
        next[d] ^= gfMul(c, xm); // c * x_m (minus = plus)
      });
      basis = next;
      denominator = gfMul(denominator, xj ^ xm);
    });
    const scale = gfDiv(ys[j], denominator);
    basis.forEach((c, d) => (result[d] ^= gfMul(c, scale)));
  });
  return result;
}

const SHAMIR_VECTOR = [
  '1:a0e1a263a4a566a7e8a96aebac6daeefb0b1f2b374b5f6b7b8f9ba7bbcfd7ebf',
  '2:a7137c9cc61ce6803f6a844703d5f50941824c2fe0ce1d6092682987f327d39b',
  '3:07f3dcfc66bc8620dfcae4a7a3b555e9e122ac8f806efdc0328889e753c7b33b',
  '4:e31b0645af047c74960414c325c8256ccc1ff1cd1dbe00621e59b0564ff68a66',
  '5:43fba6250fa41cd476a4742385a8858c6cbf116d7d1ee0c2beb91036ef16eac6',
];
