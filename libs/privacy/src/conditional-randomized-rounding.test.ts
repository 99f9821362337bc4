import { conditionalRandomizedRounding, roundingBound } from './conditional-randomized-rounding';
import { seededRandomSource } from './seeded-random-source';

describe('conditionalRandomizedRounding', () => {
  it('keeps the L2 norm within the KLS bound and is unbiased (seeded)', () => {
    const source = seededRandomSource(new Uint8Array(32).fill(2));
    const d = 256;
    const x = Float64Array.from({ length: d }, (_, i) => Math.sin(i) * 3.3);
    const c = Math.sqrt(x.reduce((a, b) => a + b * b, 0));
    const bound = roundingBound(c, d, Math.exp(-0.5));
    const mean = new Float64Array(d);
    const trials = 400;
    for (let t = 0; t < trials; t++) {
      const r = conditionalRandomizedRounding(x, bound, source);
      expect(Math.sqrt(r.reduce((a, b) => a + b * b, 0))).toBeLessThanOrEqual(bound);
      for (let i = 0; i < d; i++) mean[i] += r[i] / trials;
    }
    // Each coordinate's mean error: sd <= 0.5 / sqrt(trials) = 0.025 (conditioning biases it by O(beta) of that).
    const worst = Math.max(...Array.from(mean, (m, i) => Math.abs(m - x[i])));
    expect(worst).toBeLessThan(0.15);
  });

  it('names bad arguments and gives up on an impossible bound', () => {
    const source = seededRandomSource(new Uint8Array(32));
    expect(() => roundingBound(1, 4, 1)).toThrow(/beta/);
    expect(() => conditionalRandomizedRounding(Float64Array.of(5.5), 1, source, 3)).toThrow(/no rounding within/);
  });
});
