import fc from 'fast-check';
import { decodeSecureSum, encodeSecureInput, secureWeightStep } from './secure-input-codec';
import { fixedRangeLevels } from './fixed-range-levels';

const SETUP = { bits: 8, range: 0.5, weightCap: 600, vectorLength: 5 };

function sumOf(vectors: Uint32Array[]): Uint32Array {
  const out = new Uint32Array(vectors[0].length);
  for (const vector of vectors) for (let i = 0; i < out.length; i++) out[i] += vector[i];
  return out;
}

describe('encodeSecureInput', () => {
  it('writes the frozen vectors (seeded rounding, weight level last)', () => {
    expect(Array.from(encodeSecureInput(Float32Array.of(0.25, -0.5, 0.1, 0.7), 300, SETUP, 7))).toEqual([
      159, 64, 140, 216, 127,
    ]);
    expect(Array.from(encodeSecureInput(Float32Array.of(-0.125, 0.5, 0, -0.3), 900, SETUP, 11))).toEqual([
      95, 255, 127, 51, 255,
    ]);
    const small = { bits: 4, range: 0.05, weightCap: 3, vectorLength: 3 };
    expect(Array.from(encodeSecureInput(Float32Array.of(0.03, -0.02), 1, small, 1234))).toEqual([9, 7, 5]);
  });

  it('keeps every element below 2^bits', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 16 }),
        fc.array(fc.float({ min: -4, max: 4, noNaN: true }), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        (bits, raw, numSamples, seed) => {
          const delta = Float32Array.from(raw);
          const x = encodeSecureInput(delta, numSamples, { ...SETUP, bits, vectorLength: delta.length + 1 }, seed);
          expect(x).toHaveLength(delta.length + 1);
          for (const v of x) expect(v).toBeLessThanOrEqual(2 ** bits - 1);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('names bad arguments', () => {
    const delta = Float32Array.of(0, 0, 0, 0);
    expect(() => encodeSecureInput([0] as unknown as Float32Array, 1, SETUP, 1)).toThrow(/delta must be/);
    expect(() => encodeSecureInput(Float32Array.of(0), 1, SETUP, 1)).toThrow(/setup.vectorLength 5 needs 4/);
    expect(() => encodeSecureInput(delta, 0, SETUP, 1)).toThrow(/numSamples/);
    expect(() => encodeSecureInput(delta, 1, { ...SETUP, weightCap: 0.5 }, 1)).toThrow(/setup.weightCap/);
    expect(() => encodeSecureInput(Float32Array.of(0, NaN, 0, 0), 1, SETUP, 1)).toThrow(/values must be finite/);
  });
});

describe('decodeSecureSum', () => {
  const { bits, range } = SETUP;
  const top = 2 ** bits - 1;

  it('decodes the frozen sum of the two frozen inputs', () => {
    const { weightedSum, totalWeight } = decodeSecureSum(Uint32Array.of(254, 319, 267, 267, 382), 2, bits, range);
    expect(Array.from(weightedSum)).toEqual([
      -0.003921509720385075, 0.2509804666042328, 0.04705888405442238, 0.04705888405442238,
    ]);
    expect(totalWeight).toBe(1.498039304278791);
  });

  it('decodes two clients of full weight at the edges of the grid', () => {
    // Client 1: w = 1, w delta = +range (level 255); client 2: w = 1, w delta = -range (level 0).
    const { weightedSum, totalWeight } = decodeSecureSum(Uint32Array.of(top, top, 2 * top), 2, bits, range);
    expect(totalWeight).toBeCloseTo(2, 5);
    expect(weightedSum[0]).toBeCloseTo(0, 5);
    const [plus, minus] = decodeSecureSum(Uint32Array.of(2 * top, 0, 2 * top), 2, bits, range).weightedSum;
    expect([plus, minus].map((value) => Math.round(value * 1e6) / 1e6)).toEqual([1, -1]);
  });

  it('decodes the sum of encodes to the sum of the quantized inputs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 16 }),
        fc.float({ min: Math.fround(0.01), max: 8, noNaN: true }),
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.float({ min: -10, max: 10, noNaN: true }), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        (bits, range, clients, raw, seed) => {
          const parameters = { bits, range, weightCap: 100, vectorLength: raw.length + 1 };
          const inputs = Array.from({ length: clients }, (_, k) =>
            encodeSecureInput(
              Float32Array.from(raw, (v) => v * (k + 1)),
              17 + 23 * k,
              parameters,
              seed + k,
            ),
          );
          const decoded = decodeSecureSum(sumOf(inputs), clients, bits, range);
          // The sum of what each client's levels stand for, in float64.
          const grid = fixedRangeLevels(bits, range);
          const expected = new Float64Array(raw.length);
          let expectedWeight = 0;
          for (const x of inputs) {
            for (let i = 0; i < raw.length; i++) expected[i] += grid.offset + grid.step * x[i];
            expectedWeight += secureWeightStep(bits) * x[raw.length];
          }
          // decodeLevelSum answers in float32: within a few float32 ulps of the largest magnitude.
          const tolerance = 4 * clients * grid.range * 2 ** -23;
          for (let i = 0; i < raw.length; i++)
            expect(Math.abs(decoded.weightedSum[i] - expected[i])).toBeLessThan(tolerance);
          expect(decoded.totalWeight).toBeCloseTo(expectedWeight, 9);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('refuses element sums above what the survivors can reach', () => {
    expect(() => decodeSecureSum(Uint32Array.of(2 * top + 1, top, 2 * top), 2, bits, range)).toThrow(/levelSum\[0\]/);
    expect(() => decodeSecureSum(Uint32Array.of(top, top, 2 * top + 1), 2, bits, range)).toThrow(
      /sum\[2\] \(the weight levels\)/,
    );
    expect(() => decodeSecureSum(Uint32Array.of(1), 1, bits, range)).toThrow(/at least 2 elements/);
  });
});

describe('secureWeightStep', () => {
  it('is the float32 at or just above 1 / (2^bits - 1)', () => {
    expect(secureWeightStep(8)).toBe(0.003921568859368563);
    expect(secureWeightStep(4)).toBe(0.06666667014360428);
    expect(secureWeightStep(16)).toBe(0.000015259023712133057);
  });
});
