import { AdaptiveClip, sumNoiseMultiplier } from './adaptive-clip';
import { seededRandomSource } from './seeded-random-source';

describe('AdaptiveClip', () => {
  it('moves the clip toward the target quantile of a fixed norm distribution (seeded)', () => {
    const source = seededRandomSource(new Uint8Array(32).fill(12));
    // 100 updates per round with norms 0.01, 0.02, ..., 1.00: the median is about 0.5.
    const norms = Array.from({ length: 100 }, (_, i) => (i + 1) / 100);
    const clip = new AdaptiveClip(5, { quantile: 0.5, learningRate: 0.2, countNoise: 5 });
    for (let round = 0; round < 200; round++) clip.update(norms.filter((n) => n <= clip.value).length, 100, source);
    expect(clip.value).toBeGreaterThan(0.35);
    expect(clip.value).toBeLessThan(0.65);
  });

  it('takes a geometric step: all unclipped at gamma = 0.5 shrinks C by about exp(-0.1)', () => {
    const clip = new AdaptiveClip(1, { quantile: 0.5, learningRate: 0.2, countNoise: 1e-9 });
    expect(clip.update(100, 100, seededRandomSource(new Uint8Array(32)))).toBeCloseTo(Math.exp(-0.1), 6);
  });

  it('leaves the sum the multiplier (z^-2 - (2 sigma_b)^-2)^(-1/2), and names bad settings', () => {
    expect(sumNoiseMultiplier(1, 5)).toBeCloseTo((1 - 0.01) ** -0.5, 12);
    expect(() => sumNoiseMultiplier(2, 1)).toThrow(/countNoise/);
    expect(() => new AdaptiveClip(1, { quantile: 1, learningRate: 0.2, countNoise: 1 })).toThrow(/quantile/);
  });
});
