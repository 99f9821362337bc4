import { addGaussianNoise } from './add-gaussian-noise';
import { seededRandomSource } from './seeded-random-source';

describe('addGaussianNoise', () => {
  it('adds zero-mean noise with the planned variance (seeded; 5 standard errors)', () => {
    const n = 100_000;
    const sum = new Float64Array(n).fill(10);
    addGaussianNoise(sum, 2, seededRandomSource(new Uint8Array(32).fill(9)));
    let mean = 0;
    for (const x of sum) mean += (x - 10) / n;
    let variance = 0;
    for (const x of sum) variance += (x - 10) ** 2 / n;
    expect(Math.abs(mean)).toBeLessThan(5 * Math.sqrt(4 / n));
    // Var of the sample variance of a normal: 2 sigma^4 / n.
    expect(Math.abs(variance - 4)).toBeLessThan(5 * Math.sqrt((2 * 16) / n));
  });

  it('names bad arguments', () => {
    const source = seededRandomSource(new Uint8Array(32));
    expect(() => addGaussianNoise(new Float64Array(2), -1, source)).toThrow(/std/);
  });
});
