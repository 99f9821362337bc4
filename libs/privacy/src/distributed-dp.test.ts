import fc from 'fast-check';
import { decodeDistributedDpSum, encodeDistributedDpInput, roundedClientVector } from './distributed-dp-codec';
import { planDistributedDp } from './distributed-dp-plan';
import { seededRandomSource } from './seeded-random-source';

const rotationSeed = new Uint8Array(32).fill(8);

/** Adds client vectors mod 2^m, as the unmasked SecAgg sum does. */
function modularSum(vectors: Uint32Array[], modulusBits: number): Uint32Array {
  const modulus = 2 ** modulusBits;
  const sum = new Uint32Array(vectors[0].length);
  for (const v of vectors) for (let i = 0; i < sum.length; i++) sum[i] = (sum[i] + v[i]) % modulus;
  return sum;
}

describe('distributed discrete Gaussian (KLS 2021)', () => {
  it('encodes and decodes the frozen vectors (seeded source: rounding and noise reproducible)', () => {
    const plan = planDistributedDp({
      clip: 1,
      noiseMultiplier: 0.5,
      bits: 8,
      parameters: 6,
      cohortSize: 3,
      minSurvivors: 2,
    });
    expect([plan.paddedLength, plan.modulusBits, plan.noiseVariance]).toEqual([8, 11, 346]);
    const seed = new Uint8Array(32).fill(3);
    const source = seededRandomSource(new Uint8Array(32).fill(5));
    const delta = Float32Array.of(0.5, -0.25, 0.125, 0, 1, -1);
    const inputs = [1, 2].map((k) =>
      encodeDistributedDpInput(
        delta.map((v) => v * k),
        plan,
        seed,
        source,
      ),
    );
    expect(inputs.map((x) => Array.from(x))).toEqual([
      [2033, 35, 36, 32, 2027, 16, 9, 19],
      [58, 22, 2035, 2045, 1993, 0, 2020, 2019],
    ]);
    const sum = modularSum(inputs, plan.modulusBits);
    expect(Array.from(sum)).toEqual([43, 57, 23, 29, 1972, 16, 2029, 2038]);
    expect(Array.from(decodeDistributedDpSum(sum, plan, seed, 6))).toEqual([
      0.4279219495986344, -0.821881839705314, -0.1154710022726474, -0.6181094827535834, 1.636971267512237,
      -0.5501853637696731,
    ]);
  });

  const base = { clip: 1, noiseMultiplier: 1, bits: 8, parameters: 1000, cohortSize: 12, minSurvivors: 6 };

  it('plans noise so the fewest survivors carry the target multiplier, and a modulus that fits', () => {
    const plan = planDistributedDp(base);
    expect(plan.paddedLength).toBe(1024);
    expect(plan.effectiveNoiseMultiplier).toBeGreaterThanOrEqual(1);
    expect(plan.effectiveNoiseMultiplier).toBeLessThan(1.01);
    expect(Number.isInteger(plan.noiseVariance)).toBe(true);
    expect(plan.modulusBits).toBeGreaterThan(8);
    expect(plan.modulusBits).toBeLessThanOrEqual(32);
    expect(plan.roundingBound * plan.gridStep).toBeGreaterThanOrEqual(base.clip);
    expect(() => planDistributedDp({ ...base, minSurvivors: 13 })).toThrow(/minSurvivors/);
  });

  it('clipping holds: no client vector exceeds the planned sensitivity Delta_2 after the pipeline (property)', () => {
    const plan = planDistributedDp({ ...base, parameters: 100 });
    const source = seededRandomSource(new Uint8Array(32).fill(1));
    fc.assert(
      fc.property(
        fc.array(fc.float({ min: -50, max: 50, noNaN: true }), { minLength: 100, maxLength: 100 }),
        (values) => {
          const rounded = roundedClientVector(new Float32Array(values), plan, rotationSeed, source);
          return Math.sqrt(rounded.reduce((a, b) => a + b * b, 0)) <= plan.roundingBound;
        },
      ),
      { seed: 13, numRuns: 50 },
    );
  });

  it('the noise on an unmasked sum has the planned variance n * sigma_c^2 * gamma^2 (seeded, 5 standard errors)', () => {
    const plan = planDistributedDp(base);
    const source = seededRandomSource(new Uint8Array(32).fill(3));
    const zero = new Float32Array(base.parameters); // rounds to exactly 0: only noise remains
    const inputs = Array.from({ length: base.cohortSize }, () =>
      encodeDistributedDpInput(zero, plan, rotationSeed, source),
    );
    const decoded = decodeDistributedDpSum(modularSum(inputs, plan.modulusBits), plan, rotationSeed, base.parameters);
    const variance = decoded.reduce((a, b) => a + b * b, 0) / decoded.length;
    const planned = base.cohortSize * plan.noiseVariance * plan.gridStep ** 2;
    expect(Math.abs(variance / planned - 1)).toBeLessThan(5 * Math.sqrt(2 / decoded.length));
  });

  it('dropouts down to the threshold still leave at least the planned noise (z C)^2 in model units', () => {
    const plan = planDistributedDp(base);
    const source = seededRandomSource(new Uint8Array(32).fill(6));
    const zero = new Float32Array(base.parameters);
    const survivors = Array.from({ length: base.minSurvivors }, () =>
      encodeDistributedDpInput(zero, plan, rotationSeed, source),
    );
    const decoded = decodeDistributedDpSum(
      modularSum(survivors, plan.modulusBits),
      plan,
      rotationSeed,
      base.parameters,
    );
    const variance = decoded.reduce((a, b) => a + b * b, 0) / decoded.length;
    // Target: std z * Delta_2 * gamma >= z * C. Tolerance 5 standard errors below.
    const target = (base.noiseMultiplier * plan.roundingBound * plan.gridStep) ** 2;
    expect(variance).toBeGreaterThan(target * (1 - 5 * Math.sqrt(2 / decoded.length)));
    expect(target).toBeGreaterThanOrEqual((base.noiseMultiplier * base.clip) ** 2);
  });

  it('decodes the sum of clipped deltas of a full cohort without wrap-around (signal within the noise)', () => {
    const plan = planDistributedDp({ ...base, noiseMultiplier: 0.05 });
    const source = seededRandomSource(new Uint8Array(32).fill(9));
    // Every client sends the same large delta: the worst case for the sum's range.
    const delta = Float32Array.from({ length: base.parameters }, (_, i) => (i % 2 ? 1 : -1) * 5);
    const clipped = 1 / Math.sqrt(base.parameters) / 1.000001; // per coordinate after clipping to C = 1
    const inputs = Array.from({ length: base.cohortSize }, () =>
      encodeDistributedDpInput(delta, plan, rotationSeed, source),
    );
    const decoded = decodeDistributedDpSum(modularSum(inputs, plan.modulusBits), plan, rotationSeed, base.parameters);
    const noiseSd = Math.sqrt(base.cohortSize * plan.noiseVariance) * plan.gridStep;
    const roundingSd = Math.sqrt(base.cohortSize) * 0.5 * plan.gridStep;
    for (let i = 0; i < base.parameters; i++) {
      const expected = base.cohortSize * (i % 2 ? 1 : -1) * clipped;
      expect(Math.abs(decoded[i] - expected)).toBeLessThan(6 * (noiseSd + roundingSd));
    }
  });
});
