import { seededRandomSource } from '@edgefl/privacy';
import { dpSamplingRate, selectPoissonCohort } from './select-poisson-cohort';

describe('selectPoissonCohort', () => {
  it('includes each id independently with probability q (seeded, 5 standard errors)', () => {
    const ids = Array.from({ length: 200 }, (_, i) => `c${i}`);
    const source = seededRandomSource(new Uint8Array(32).fill(5));
    const counts = new Map(ids.map((id) => [id, 0]));
    const trials = 500;
    for (let t = 0; t < trials; t++)
      for (const id of selectPoissonCohort(ids, 0.1, source)) counts.set(id, (counts.get(id) ?? 0) + 1);
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    const n = ids.length * trials;
    expect(Math.abs(total / n - 0.1)).toBeLessThan(5 * Math.sqrt((0.1 * 0.9) / n));
    expect(selectPoissonCohort(ids, 1, source)).toHaveLength(200);
    expect(selectPoissonCohort(ids, 0, source)).toHaveLength(0);
  });

  it('the rate is the goal over the available clients, capped at 1', () => {
    expect(dpSamplingRate(100, 1000)).toBe(0.1);
    expect(dpSamplingRate(10, 5)).toBe(1);
    expect(() => selectPoissonCohort([], 2, seededRandomSource(new Uint8Array(32)))).toThrow(/q must be/);
  });
});
