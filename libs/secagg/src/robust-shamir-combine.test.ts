import fc from 'fast-check';
import { ReconstructionError } from './secagg-errors';
import { robustShamirCombine } from './robust-shamir-combine';
import { shamirSplit, type ShamirShare } from './shamir-secret-sharing';
import { fromHex, patternBytes, toHex } from './testing/test-bytes';

const secret = patternBytes(32, (i) => i);
const fixedRandom = (length: number): Uint8Array => patternBytes(length, (i) => i * 37 + 11);

// The frozen 3-of-5 vector of shamir-secret-sharing.test.ts (docs/SECAGG.md, "Shamir").
const VECTOR: ShamirShare[] = [
  '1:a0e1a263a4a566a7e8a96aebac6daeefb0b1f2b374b5f6b7b8f9ba7bbcfd7ebf',
  '2:a7137c9cc61ce6803f6a844703d5f50941824c2fe0ce1d6092682987f327d39b',
  '3:07f3dcfc66bc8620dfcae4a7a3b555e9e122ac8f806efdc0328889e753c7b33b',
  '4:e31b0645af047c74960414c325c8256ccc1ff1cd1dbe00621e59b0564ff68a66',
  '5:43fba6250fa41cd476a4742385a8858c6cbf116d7d1ee0c2beb91036ef16eac6',
].map((line) => {
  const [index, hex] = line.split(':');
  return { index: Number(index), value: fromHex(hex) };
});

describe('robustShamirCombine (Berlekamp-Welch over GF(2^16))', () => {
  it('decodes the frozen 3-of-5 vector with one wrong share and names its holder', () => {
    expect(robustShamirCombine(VECTOR, 3)).toEqual({ secret, wrongShareHolders: [] });
    const lied = VECTOR.map((share) => (share.index === 4 ? { index: 4, value: fromHex('ff'.repeat(32)) } : share));
    const result = robustShamirCombine(lied, 3);
    expect(toHex(result.secret)).toBe(toHex(secret));
    expect(result.wrongShareHolders).toEqual([4]);
    // A single flipped bit in one word is enough to be named.
    const flipped = VECTOR.map((share) =>
      share.index === 1 ? { index: 1, value: Uint8Array.from(share.value, (b, i) => (i === 31 ? b ^ 1 : b)) } : share,
    );
    expect(robustShamirCombine(flipped, 3)).toEqual({ secret, wrongShareHolders: [1] });
  });

  it('detects without naming when t < N < t + 2, and refuses more errors than it can correct', () => {
    const four = VECTOR.slice(0, 4).map((share) =>
      share.index === 2 ? { index: 2, value: new Uint8Array(32) } : share,
    );
    expect(() => robustShamirCombine(four, 3)).toThrow(ReconstructionError);
    const twoWrong = VECTOR.map((share) =>
      share.index === 2 || share.index === 5
        ? { index: share.index, value: patternBytes(32, (i) => i * share.index + 3) }
        : share,
    );
    expect(() => robustShamirCombine(twoWrong, 3)).toThrow(/disagree beyond the 1 wrong share/);
  });

  it('with exactly t shares it is plain interpolation', () => {
    expect(robustShamirCombine([VECTOR[4], VECTOR[0], VECTOR[2]], 3)).toEqual({ secret, wrongShareHolders: [] });
  });

  it('corrects and names any e <= (N - t) / 2 wrong shares, at any indices', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 65535 }), { minLength: 2, maxLength: 14 }),
        fc.nat(),
        fc.uint8Array({ minLength: 32 * 14, maxLength: 32 * 14 }),
        (value, indices, pick, noise) => {
          const threshold = 1 + (pick % indices.length);
          const capacity = Math.floor((indices.length - threshold) / 2);
          const errors = capacity === 0 ? 0 : pick % (capacity + 1);
          const shares = shamirSplit(value, threshold, indices, fixedRandom);
          const liars = new Set(indices.slice(0, errors));
          const received = shares.map((share, position) => {
            if (!liars.has(share.index)) return share;
            const corrupted = Uint8Array.from(share.value, (byte, i) => byte ^ noise[position * 32 + i]);
            corrupted[position % 32] ^= 0x80; // differs in at least one byte
            return { index: share.index, value: corrupted };
          });
          const result = robustShamirCombine(received, threshold);
          expect(result.secret).toEqual(value);
          expect(result.wrongShareHolders).toEqual([...liars].sort((a, b) => a - b));
        },
      ),
      { numRuns: 80 },
    );
  });

  it('names bad arguments', () => {
    expect(() => robustShamirCombine(VECTOR.slice(0, 2), 3)).toThrow(/at least threshold/);
    expect(() => robustShamirCombine([VECTOR[0], VECTOR[0], VECTOR[1]], 3)).toThrow(/repeats/);
    expect(() => robustShamirCombine([VECTOR[0], { index: 0, value: new Uint8Array(32) }], 2)).toThrow(
      /shares\[1\]\.index/,
    );
    expect(() => robustShamirCombine([VECTOR[0], { index: 2, value: new Uint8Array(31) }], 2)).toThrow(
      /shares\[1\]\.value/,
    );
    expect(() => robustShamirCombine(VECTOR, 0)).toThrow(/threshold/);
  });
});
