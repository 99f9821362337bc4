import fc from 'fast-check';
import { decodeLevelSum } from './decode-level-sum';
import { dequantize } from './dequantize';
import { levelSumBits } from './level-sum-bits';
import { stochasticQuantize } from './stochastic-quantize';

describe('decodeLevelSum', () => {
  it('equals n times the mean of the dequantized fixed-range updates (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 16 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer(),
        (bits, clientCount, length, seed) => {
          const range = 8;
          const config = { bits, clip: { kind: 'fixed' as const, range } };
          const levelSum = new Uint32Array(length);
          const dequantizedSum = new Float64Array(length);
          for (let k = 0; k < clientCount; k++) {
            // each client has its own data, some of it outside the range
            const values = Float32Array.from({ length }, (_, i) => 12 * Math.sin(seed + 31 * k + 7 * i));
            const q = stochasticQuantize(values, config, seed + k);
            q.levels.forEach((level, i) => (levelSum[i] += level));
            dequantize(q).forEach((v, i) => (dequantizedSum[i] += v));
          }
          expect(levelSumBits(bits, clientCount)).toBeGreaterThanOrEqual(Math.log2(Math.max(...levelSum) + 1));
          const decoded = decodeLevelSum(levelSum, clientCount, bits, range);
          for (let i = 0; i < length; i++) {
            const meanTimesN = (dequantizedSum[i] / clientCount) * clientCount;
            expect(Math.abs(decoded[i] - meanTimesN)).toBeLessThanOrEqual(1e-5 * range * clientCount);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('is an unbiased estimate of the sum of the clipped inputs', () => {
    const inputs = [Float32Array.of(-20, -1.5, 0.3), Float32Array.of(20, 2.25, 0.1), Float32Array.of(0, -0.75, -0.2)];
    const clippedSum = [-8 + 8 + 0, -1.5 + 2.25 - 0.75, 0.3 + 0.1 - 0.2];
    const draws = 2000;
    const total = new Float64Array(3);
    for (let draw = 0; draw < draws; draw++) {
      const levelSum = new Uint32Array(3);
      inputs.forEach((x, k) =>
        stochasticQuantize(x, { bits: 4, clip: { kind: 'fixed', range: 8 } }, draw * 3 + k).levels.forEach(
          (l, i) => (levelSum[i] += l),
        ),
      );
      decodeLevelSum(levelSum, 3, 4, 8).forEach((v, i) => (total[i] += v));
    }
    const step = 16 / 15;
    // three clients, each with standard deviation at most step / 2
    const tolerance = 5 * ((Math.sqrt(3) * step) / 2 / Math.sqrt(draws));
    clippedSum.forEach((sum, i) => expect(Math.abs(total[i] / draws - sum)).toBeLessThanOrEqual(tolerance));
  });

  it('decodes weighted sums with the total weight as clientCount', () => {
    // weights 2 and 3: 2 * levelsA + 3 * levelsB, total weight 5
    const bits = 8;
    const a = stochasticQuantize(Float32Array.of(1, -1), { bits, clip: { kind: 'fixed', range: 2 } }, 1);
    const b = stochasticQuantize(Float32Array.of(0.5, 0.5), { bits, clip: { kind: 'fixed', range: 2 } }, 2);
    const weighted = a.levels.map((level, i) => 2 * level + 3 * b.levels[i]);
    const expected = dequantize(a).map((v, i) => 2 * v + 3 * dequantize(b)[i]);
    const decoded = decodeLevelSum(Uint32Array.from(weighted), 5, bits, 2);
    decoded.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 5));
  });

  it('names bad arguments, including sums a wrapped modulus could produce', () => {
    expect(() => decodeLevelSum([0, 511], 2, 8, 1)).toThrow(/levelSum\[1\] must be an integer in \[0, 510\]/);
    expect(() => decodeLevelSum([-1], 2, 8, 1)).toThrow(/levelSum\[0\]/);
    expect(() => decodeLevelSum([1.5], 2, 8, 1)).toThrow(/levelSum\[0\]/);
    expect(() => decodeLevelSum([1], 0, 8, 1)).toThrow(/clientCount/);
    expect(() => decodeLevelSum([1], 2, 17, 1)).toThrow(/bits/);
    expect(() => decodeLevelSum([1], 2, 8, 0)).toThrow(/range/);
    expect(() => decodeLevelSum(null as unknown as number[], 2, 8, 1)).toThrow(/levelSum must be/);
  });
});
