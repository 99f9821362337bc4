import { scheduledLearningRate } from './learning-rate-schedule';

describe('scheduledLearningRate', () => {
  it('constant keeps the base rate', () => {
    expect([1, 15, 30].map((r) => scheduledLearningRate({ kind: 'constant' }, 0.01, r, 30))).toEqual([
      0.01, 0.01, 0.01,
    ]);
  });

  it('cosine starts at the base rate, halves mid-run and approaches the minimum', () => {
    const rates = [1, 16, 31].map((r) =>
      scheduledLearningRate({ kind: 'cosine', minLearningRate: 0.001 }, 0.011, r, 30),
    );
    expect(rates[0]).toBeCloseTo(0.011, 12);
    expect(rates[1]).toBeCloseTo(0.006, 12); // progress 15/30: min + (base - min) / 2
    expect(rates[2]).toBeCloseTo(0.001, 12);
    const descending = Array.from({ length: 30 }, (_, i) => scheduledLearningRate({ kind: 'cosine' }, 1, i + 1, 30));
    expect(descending.every((rate, i) => i === 0 || rate < descending[i - 1])).toBe(true);
  });

  it('step multiplies by the factor every N rounds', () => {
    const rates = [1, 10, 11, 21].map((r) =>
      scheduledLearningRate({ kind: 'step', every: 10, factor: 0.5 }, 0.01, r, 30),
    );
    expect(rates).toEqual([0.01, 0.01, 0.005, 0.0025]);
  });

  it('names bad fields', () => {
    expect(() => scheduledLearningRate({ kind: 'step', every: 0, factor: 0.5 }, 0.01, 1, 30)).toThrow(
      'schedule.every must be an integer >= 1, got 0',
    );
    expect(() => scheduledLearningRate({ kind: 'step', every: 2, factor: 1.5 }, 0.01, 1, 30)).toThrow(
      'schedule.factor must be in (0, 1], got 1.5',
    );
    expect(() => scheduledLearningRate({ kind: 'cosine', minLearningRate: 0.02 }, 0.01, 1, 30)).toThrow(
      'schedule.minLearningRate must be in [0, 0.01)',
    );
    expect(() => scheduledLearningRate({ kind: 'constant' }, 0.01, 0, 30)).toThrow(
      'round must be an integer >= 1, got 0',
    );
  });
});
