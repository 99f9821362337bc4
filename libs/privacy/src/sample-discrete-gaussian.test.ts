import { bernoulliExp } from './bernoulli-exp';
import { cryptoRandomSource } from './crypto-random-source';
import { rationalFromVariance, sampleDiscreteGaussian } from './sample-discrete-gaussian';
import { seededRandomSource } from './seeded-random-source';

/** Chi-square statistic of `samples` against the discrete Gaussian pmf on bins -B..B plus two tails. */
function chiSquare(samples: number[], sigma2: number, bound: number): { statistic: number; df: number } {
  const weight = (x: number): number => Math.exp((-x * x) / (2 * sigma2));
  let normalizer = 0;
  for (let x = -200; x <= 200; x++) normalizer += weight(x);
  const bins = new Map<number, number>();
  for (const x of samples) {
    const bin = Math.max(-bound - 1, Math.min(bound + 1, x));
    bins.set(bin, (bins.get(bin) ?? 0) + 1);
  }
  let statistic = 0;
  for (let bin = -bound - 1; bin <= bound + 1; bin++) {
    let p = 0;
    if (Math.abs(bin) <= bound) p = weight(bin) / normalizer;
    else for (let x = bound + 1; x <= 200; x++) p += weight(x) / normalizer;
    const expected = p * samples.length;
    const observed = bins.get(bin) ?? 0;
    statistic += (observed - expected) ** 2 / expected;
  }
  return { statistic, df: 2 * bound + 2 };
}

// Upper 0.1% points of the chi-square distribution (tables; e.g. NIST/SEMATECH e-Handbook 1.3.6.7.4):
// a test at a fixed seed that used a correct sampler would fail with probability 1e-3 per check.
const CHI2_999 = new Map([
  [8, 26.124],
  [14, 36.123],
  [18, 42.312],
]);

/** The upper 0.1% point for `df` degrees of freedom (one of the tabled ones). */
function critical999(df: number): number {
  const value = CHI2_999.get(df);
  if (value === undefined) throw new RangeError(`no tabled chi-square point for df = ${df}`);
  return value;
}

describe('sampleDiscreteGaussian', () => {
  it.each([
    [4, 8],
    [0.8, 3],
    [12.5, 8],
  ])('matches the pmf for sigma^2 = %p (chi-square, seeded, false-alarm rate 1e-3)', (variance, bound) => {
    const source = seededRandomSource(new Uint8Array(32).fill(7));
    const sigma2 = rationalFromVariance(variance);
    const samples = Array.from({ length: 20_000 }, () => sampleDiscreteGaussian(source, sigma2));
    const { statistic, df } = chiSquare(samples, variance, bound);
    expect(statistic).toBeLessThan(critical999(df));
    const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
    const second = samples.reduce((a, b) => a + b * b, 0) / samples.length;
    expect(Math.abs(mean)).toBeLessThan(5 * Math.sqrt(variance / samples.length));
    // The discrete Gaussian's variance is at most sigma^2 (CKS 2020, Corollary 9), close to it for sigma >= 1.
    expect(second).toBeLessThan(variance * 1.05);
  });

  it('is reproducible from a seed (frozen vector); the crypto source gives safe integers', () => {
    const a = seededRandomSource(new Uint8Array(32).fill(1));
    const b = seededRandomSource(new Uint8Array(32).fill(1));
    const sigma2 = { num: 18n, den: 2n }; // the bigint path
    const first = Array.from({ length: 8 }, () => sampleDiscreteGaussian(a, sigma2));
    expect(Array.from({ length: 8 }, () => sampleDiscreteGaussian(b, sigma2))).toEqual(first);
    expect(first).toEqual(FROZEN);
    const c = seededRandomSource(new Uint8Array(32).fill(1));
    expect(Array.from({ length: 8 }, () => sampleDiscreteGaussian(c, { num: 9n, den: 1n }))).toEqual(
      FROZEN_FLOAT64_PATH,
    );
    const crypto = cryptoRandomSource();
    expect(Number.isSafeInteger(sampleDiscreteGaussian(crypto, sigma2))).toBe(true);
  });

  it('bernoulliExp has the right mean (seeded, 5 sigma)', () => {
    const source = seededRandomSource(new Uint8Array(32).fill(3));
    for (const [num, den] of [
      [1n, 2n],
      [3n, 1n],
      [0n, 1n],
    ] as const) {
      let hits = 0;
      const n = 20_000;
      for (let i = 0; i < n; i++) if (bernoulliExp(source, num, den)) hits++;
      const p = Math.exp(-Number(num) / Number(den));
      expect(Math.abs(hits / n - p)).toBeLessThanOrEqual(5 * Math.sqrt((p * (1 - p)) / n) + 1e-12);
    }
  });

  it('names bad arguments', () => {
    const source = seededRandomSource(new Uint8Array(32));
    expect(() => sampleDiscreteGaussian(source, { num: 0n, den: 1n })).toThrow(/sigma2/);
    expect(() => rationalFromVariance(-1)).toThrow(/variance/);
    expect(() => seededRandomSource(new Uint8Array(4))).toThrow(/seed/);
    expect(() => source.uniformBelow(0n)).toThrow(/n must be/);
  });
});

const FROZEN = [-2, -7, 2, 1, -1, 0, 2, 4];
const FROZEN_FLOAT64_PATH = [6, 1, 1, -3, -1, 1, 7, 2];

describe('sampleDiscreteGaussian, float64 path (integer sigma^2)', () => {
  it('matches the pmf for sigma^2 = 300 (chi-square on 19 bins of width 5, seeded, false-alarm rate 1e-3)', () => {
    const source = seededRandomSource(new Uint8Array(32).fill(11));
    const variance = 300;
    const samples = Array.from({ length: 20_000 }, () => sampleDiscreteGaussian(source, { num: 300n, den: 1n }));
    const weight = (x: number): number => Math.exp((-x * x) / (2 * variance));
    let normalizer = 0;
    for (let x = -400; x <= 400; x++) normalizer += weight(x);
    const binOf = (x: number): number => Math.max(-9, Math.min(9, Math.round(x / 5)));
    const expected = new Map<number, number>();
    for (let x = -400; x <= 400; x++)
      expected.set(binOf(x), (expected.get(binOf(x)) ?? 0) + (weight(x) / normalizer) * samples.length);
    const observed = new Map<number, number>();
    for (const x of samples) observed.set(binOf(x), (observed.get(binOf(x)) ?? 0) + 1);
    let statistic = 0;
    for (const [bin, e] of expected) statistic += ((observed.get(bin) ?? 0) - e) ** 2 / e;
    expect(statistic).toBeLessThan(critical999(18));
  });
});
