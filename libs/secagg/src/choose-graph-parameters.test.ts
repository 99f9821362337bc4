import { binomialTailAtLeast, binomialTailBelow } from './binomial-tail';
import { chooseGraphParameters } from './choose-graph-parameters';

describe('chooseGraphParameters (k and t from n, the declared dropout rate and the corruption bound)', () => {
  it('computes binomial tails (fixed values)', () => {
    expect(binomialTailBelow(4, 0.5, 2)).toBeCloseTo(5 / 16, 12);
    expect(binomialTailAtLeast(4, 0.5, 3)).toBeCloseTo(5 / 16, 12);
    expect(binomialTailBelow(74, 0.8, 38)).toBeLessThan(1e-8);
    expect(binomialTailAtLeast(10, 0.1, 0)).toBeCloseTo(1, 12);
  });

  it('picks the smallest k whose union bound reaches 1e-6 at 20% dropout (n = 100, 500)', () => {
    expect(chooseGraphParameters(100, { dropoutRate: 0.2 })).toMatchObject({
      neighbourCount: 74,
      threshold: 38,
      meetsTarget: true,
    });
    expect(chooseGraphParameters(500, { dropoutRate: 0.2 })).toMatchObject({
      neighbourCount: 82,
      threshold: 42,
      meetsTarget: true,
    });
    const at500 = chooseGraphParameters(500, { dropoutRate: 0.2 });
    expect(at500.failureBound).toBeLessThanOrEqual(1e-6);
    // One step smaller k misses the target.
    expect(500 * binomialTailBelow(80, 0.8, 41)).toBeGreaterThan(1e-6);
  });

  it('raises t (and k) for a corruption bound, keeping 2t - k above the corrupted neighbours', () => {
    const chosen = chooseGraphParameters(500, { dropoutRate: 0.2, corruptedFraction: 0.05 });
    expect(chosen.meetsTarget).toBe(true);
    expect(chosen.securityBound).toBeLessThanOrEqual(1e-6);
    expect(chosen.threshold).toBeGreaterThan(chosen.neighbourCount / 2 + 1);
    expect(chosen.neighbourCount).toBeGreaterThan(82);
  });

  it('falls back to the complete graph, saying the target is missed, when no k can reach it', () => {
    expect(chooseGraphParameters(10, { dropoutRate: 0.2 })).toMatchObject({
      neighbourCount: 9,
      threshold: 5,
      meetsTarget: false,
    });
    expect(chooseGraphParameters(2)).toMatchObject({ neighbourCount: 1, threshold: 1 });
    expect(chooseGraphParameters(1000, { dropoutRate: 0.6 })).toMatchObject({
      neighbourCount: 999,
      meetsTarget: false,
    });
  });

  it('names bad arguments', () => {
    expect(() => chooseGraphParameters(1)).toThrow(/cohortSize/);
    expect(() => chooseGraphParameters(10, { dropoutRate: 1 })).toThrow(/dropoutRate/);
    expect(() => chooseGraphParameters(10, { failureProbability: 0 })).toThrow(/failureProbability/);
  });
});
