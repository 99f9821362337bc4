import fc from 'fast-check';
import { maskVector, unmaskSum } from './masking';
import { modulusMask } from './modulus-bits-for';
import { patternBytes } from './testing/test-bytes';

const seedArb = fc.uint8Array({ minLength: 32, maxLength: 32 });

/** Chi-square statistic of `values` against the uniform distribution on 0..bins-1. */
function chiSquare(values: Uint32Array, bins: number): number {
  const counts = new Float64Array(bins);
  for (const value of values) counts[value]++;
  const expected = values.length / bins;
  let statistic = 0;
  for (const count of counts) statistic += (count - expected) ** 2 / expected;
  return statistic;
}

/** Chi-square critical value, 255 degrees of freedom, p = 0.001 (upper tail). */
const CRITICAL_255_P001 = 330.52;

describe('maskVector / unmaskSum', () => {
  it('pairwise masks cancel: sum of y minus self masks is the sum of x (complete graph, no dropouts)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 6 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 32 }),
        fc.nat(),
        (n, length, bits, salt) => {
          const mask = modulusMask(bits);
          const ids = Array.from({ length: n }, (_, i) => i + 1);
          const xs = ids.map((id) =>
            Uint32Array.from({ length }, (_, j) => ((id * 2654435761 + j * 40503 + salt) >>> 0) & mask),
          );
          const selfSeeds = ids.map((id) => patternBytes(32, (i) => id * 31 + i + salt));
          const edgeSeed = (a: number, b: number) =>
            patternBytes(32, (i) => Math.min(a, b) * 7 + Math.max(a, b) * 13 + i * 3 + salt);
          const ys = ids.map((id, k) =>
            maskVector({
              input: xs[k],
              modulusBits: bits,
              clientIndex: id,
              selfSeed: selfSeeds[k],
              pairwiseSeeds: ids
                .filter((peer) => peer !== id)
                .map((peer) => ({ peerId: peer, seed: edgeSeed(id, peer) })),
            }),
          );
          const expected = new Uint32Array(length);
          xs.forEach((x) => x.forEach((v, j) => (expected[j] = (expected[j] + v) % 2 ** bits)));
          expect(
            unmaskSum({
              maskedVectors: ys,
              modulusBits: bits,
              survivorSelfSeeds: selfSeeds,
              danglingPairwiseSeeds: [],
            }),
          ).toEqual(expected);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('removes the masks a survivor added for a peer that dropped after sharing', () => {
    fc.assert(
      fc.property(seedArb, seedArb, seedArb, fc.boolean(), (selfSeed, edgeSeed, otherEdge, survivorIsSmaller) => {
        const [survivor, dropped, third] = survivorIsSmaller ? [2, 5, 9] : [5, 2, 9];
        const x = Uint32Array.of(1, 2, 3, 400);
        const y = maskVector({
          input: x,
          modulusBits: 10,
          clientIndex: survivor,
          selfSeed,
          pairwiseSeeds: [
            { peerId: dropped, seed: edgeSeed },
            { peerId: third, seed: otherEdge },
          ],
        });
        const sum = unmaskSum({
          maskedVectors: [y],
          modulusBits: 10,
          survivorSelfSeeds: [selfSeed],
          danglingPairwiseSeeds: [
            { survivorId: survivor, droppedId: dropped, seed: edgeSeed },
            { survivorId: survivor, droppedId: third, seed: otherEdge },
          ],
        });
        expect(sum).toEqual(x);
      }),
      { numRuns: 40 },
    );
  });

  it('one masked vector alone is uniform mod 2^8 (chi-square, p = 0.001), the unmasked input is not', () => {
    const length = 4096;
    // Quantized levels look like this: concentrated on a few values.
    const x = Uint32Array.from({ length }, (_, i) => (i * 7) % 16);
    const y = maskVector({
      input: x,
      modulusBits: 8,
      clientIndex: 4,
      selfSeed: patternBytes(32, (i) => i * 5 + 1),
      pairwiseSeeds: [
        { peerId: 2, seed: patternBytes(32, (i) => i * 11 + 3) },
        { peerId: 7, seed: patternBytes(32, (i) => i * 13 + 7) },
      ],
    });
    expect(chiSquare(y, 256)).toBeLessThan(CRITICAL_255_P001);
    expect(chiSquare(x, 256)).toBeGreaterThan(CRITICAL_255_P001);
  });

  it('names bad arguments', () => {
    const base = {
      input: Uint32Array.of(1),
      modulusBits: 8,
      clientIndex: 1,
      selfSeed: new Uint8Array(32),
      pairwiseSeeds: [],
    };
    expect(() => maskVector({ ...base, input: Uint32Array.of(256) })).toThrow(/input\.input\[0\]/);
    expect(() => maskVector({ ...base, modulusBits: 0 })).toThrow(/modulusBits/);
    expect(() => maskVector({ ...base, selfSeed: new Uint8Array(1) })).toThrow(/selfSeed/);
    expect(() => maskVector({ ...base, pairwiseSeeds: [{ peerId: 1, seed: new Uint8Array(32) }] })).toThrow(
      /pairwiseSeeds/,
    );
    expect(() =>
      unmaskSum({ maskedVectors: [], modulusBits: 8, survivorSelfSeeds: [], danglingPairwiseSeeds: [] }),
    ).toThrow(/maskedVectors/);
    expect(() =>
      unmaskSum({
        maskedVectors: [Uint32Array.of(1), Uint32Array.of(1, 2)],
        modulusBits: 8,
        survivorSelfSeeds: [],
        danglingPairwiseSeeds: [],
      }),
    ).toThrow(/maskedVectors\[1\]/);
  });
});
