import { resolveDpConfig } from './dp-config';
import { epsilonFor } from './privacy-accountant';
import { PrivacyLedger } from './privacy-ledger';

describe('PrivacyLedger', () => {
  it('admits rounds until the next one would exceed the budget, and reports epsilon after each', () => {
    const dp = resolveDpConfig({ clip: 1, epsilon: 2, population: 100 }, { rounds: 20, clientsPerRound: 10 });
    const ledger = new PrivacyLedger(dp);
    const spent: number[] = [];
    while (ledger.admits(0.1)) spent.push(ledger.spend(0.1));
    expect(spent.length).toBeGreaterThanOrEqual(20);
    expect(ledger.spent).toBe(true);
    expect(spent.every((e, i) => i === 0 || e >= spent[i - 1])).toBe(true);
    expect(spent.at(-1)).toBeLessThanOrEqual(2);
    expect(spent.at(-1)).toBeCloseTo(
      epsilonFor({ q: 0.1, noiseMultiplier: dp.noiseMultiplier, rounds: spent.length, delta: 1e-5 }),
      10,
    );
  });

  it('without a budget it never refuses', () => {
    const ledger = new PrivacyLedger(
      resolveDpConfig({ clip: 1, noiseMultiplier: 0.5 }, { rounds: 1, clientsPerRound: 1 }),
    );
    for (let i = 0; i < 50; i++) expect(ledger.admits(1)).toBe(true);
  });

  it('resolveDpConfig names the bad field', () => {
    const plan = { rounds: 10, clientsPerRound: 10 };
    expect(() => resolveDpConfig({ clip: 0, noiseMultiplier: 1 }, plan)).toThrow(/dp.clip/);
    expect(() => resolveDpConfig({ clip: 1, noiseMultiplier: 1, delta: 2 }, plan)).toThrow(/dp.delta/);
    expect(() => resolveDpConfig({ clip: 1 }, plan)).toThrow(/noiseMultiplier, or a finite epsilon/);
    expect(() => resolveDpConfig({ clip: 1, epsilon: 4 }, plan)).toThrow(/dp.population/);
  });
});
