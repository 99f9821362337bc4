import { SeededRandom } from '@edgefl/random';
import fc from 'fast-check';
import { sampleDirichlet } from './sample-dirichlet';
import { sampleLogGamma } from './sample-log-gamma';

describe('sampleLogGamma', () => {
  it.each([0.1, 0.5, 1, 2.5, 10])('Gamma(%p) has mean and variance near the shape', (shape) => {
    const rng = new SeededRandom(11);
    const draws = Array.from({ length: 20_000 }, () => Math.exp(sampleLogGamma(rng, shape)));
    const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
    const variance = draws.reduce((a, b) => a + (b - mean) ** 2, 0) / draws.length;
    expect(Math.abs(mean - shape)).toBeLessThan(0.05 * shape + 0.01);
    expect(Math.abs(variance - shape)).toBeLessThan(0.15 * shape + 0.01);
  });

  it('stays finite for tiny shapes', () => {
    const rng = new SeededRandom(1);
    for (let i = 0; i < 1000; i++) expect(Number.isFinite(sampleLogGamma(rng, 0.001))).toBe(true);
  });
});

describe('sampleDirichlet', () => {
  it('gives proportions summing to 1 for any alpha and size', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        fc.integer({ min: 1, max: 50 }),
        fc.integer(),
        (alpha, size, seed) => {
          const p = sampleDirichlet(new SeededRandom(seed), alpha, size);
          return (
            p.length === size && p.every((x) => x >= 0 && x <= 1) && Math.abs(p.reduce((a, b) => a + b, 0) - 1) < 1e-9
          );
        },
      ),
    );
  });

  it('matches the expected largest share: concentrated for small alpha, spread for large alpha', () => {
    // Reference values of E[max p] for Dir(alpha * 1_10) from numpy (200,000 draws): 0.783, 0.664, 0.105.
    const rng = new SeededRandom(5);
    const averageMax = (alpha: number): number =>
      Array.from({ length: 2000 }, () => Math.max(...sampleDirichlet(rng, alpha, 10))).reduce((a, b) => a + b, 0) /
      2000;
    expect(averageMax(0.05)).toBeCloseTo(0.783, 1);
    expect(averageMax(0.1)).toBeCloseTo(0.664, 1);
    expect(averageMax(1000)).toBeCloseTo(0.105, 2);
  });

  it('names bad arguments', () => {
    expect(() => sampleDirichlet(new SeededRandom(1), 0, 3)).toThrow(/alpha/);
    expect(() => sampleDirichlet(new SeededRandom(1), 1, 0)).toThrow(/size/);
    expect(() => sampleLogGamma(new SeededRandom(1), -1)).toThrow(/shape/);
  });
});
