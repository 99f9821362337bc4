import fc from 'fast-check';
import { PrivacyAccountant, epsilonFor } from './privacy-accountant';
import { poissonGaussianRdp } from './poisson-gaussian-rdp';
import { solveNoiseMultiplier } from './solve-noise-multiplier';

describe('PrivacyAccountant', () => {
  it("reproduces TF Privacy's documented DP-SGD example: q = 256/60000, z = 1.1, 14,062 steps, delta 1e-5 -> epsilon 3.01 (within 1%)", () => {
    const epsilon = epsilonFor({ q: 256 / 60000, noiseMultiplier: 1.1, rounds: 14062, delta: 1e-5 });
    expect(Math.abs(epsilon - 3.01) / 3.01).toBeLessThan(0.01);
  });

  it("Abadi et al. 2016 MNIST setting (q = 0.01, sigma = 4, 10,000 steps, delta 1e-5): frozen value 1.2586, below the paper's moments-accountant bound of 2", () => {
    // The paper reports (2, 1e-5) with its looser moments accountant; 1.2586 is this accountant's own
    // value, frozen here as a regression vector (not checked against a published RDP table).
    const epsilon = epsilonFor({ q: 0.01, noiseMultiplier: 4, rounds: 10_000, delta: 1e-5 });
    expect(epsilon).toBeCloseTo(1.2586, 3);
    expect(epsilon).toBeLessThan(2);
  });

  it('with q = 1 equals the plain Gaussian RDP alpha / (2 z^2)', () => {
    expect(poissonGaussianRdp(1, 2, 10)).toBeCloseTo(10 / 8, 12);
    expect(poissonGaussianRdp(0, 2, 10)).toBe(0);
  });

  it('the improved conversion never exceeds the classic one', () => {
    const args = { q: 0.1, noiseMultiplier: 1, rounds: 100, delta: 1e-5 };
    expect(epsilonFor({ ...args, conversion: 'improved' })).toBeLessThanOrEqual(epsilonFor(args));
  });

  it('epsilon grows with the rounds and falls with the noise (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.001, max: 0.5, noNaN: true }),
        fc.double({ min: 0.5, max: 5, noNaN: true }),
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 1, max: 300 }),
        (q, z, rounds, more) => {
          const base = epsilonFor({ q, noiseMultiplier: z, rounds, delta: 1e-5 });
          const longer = epsilonFor({ q, noiseMultiplier: z, rounds: rounds + more, delta: 1e-5 });
          const noisier = epsilonFor({ q, noiseMultiplier: z * 1.5, rounds, delta: 1e-5 });
          return longer >= base && noisier <= base;
        },
      ),
      { seed: 13, numRuns: 25 },
    );
  });

  it('composes heterogeneous rounds by adding RDP', () => {
    const accountant = new PrivacyAccountant();
    accountant.spend(0.1, 1, 50);
    accountant.spend(0.1, 1, 50);
    expect(accountant.rounds).toBe(100);
    expect(accountant.epsilon(1e-5)).toBeCloseTo(
      epsilonFor({ q: 0.1, noiseMultiplier: 1, rounds: 100, delta: 1e-5 }),
      10,
    );
    expect(new PrivacyAccountant().epsilon(1e-5)).toBe(0);
  });

  it('solves for the noise multiplier that just meets the target', () => {
    const target = { q: 0.1, rounds: 200, epsilon: 4, delta: 1e-5 };
    const z = solveNoiseMultiplier(target);
    const epsilon = epsilonFor({ q: target.q, noiseMultiplier: z, rounds: target.rounds, delta: target.delta });
    expect(epsilon).toBeLessThanOrEqual(4);
    expect(
      epsilonFor({ q: target.q, noiseMultiplier: z * 0.99, rounds: target.rounds, delta: target.delta }),
    ).toBeGreaterThan(4);
  });

  it('names bad arguments', () => {
    expect(() => poissonGaussianRdp(1.5, 1, 2)).toThrow(/q must be/);
    expect(() => poissonGaussianRdp(0.1, 0, 2)).toThrow(/noiseMultiplier/);
    expect(() => poissonGaussianRdp(0.1, 1, 1.5)).toThrow(/order/);
    expect(() => new PrivacyAccountant().epsilon(0)).toThrow(/delta/);
    expect(() => solveNoiseMultiplier({ q: 0.1, rounds: 0, epsilon: 1, delta: 1e-5 })).toThrow(/rounds/);
  });
});
