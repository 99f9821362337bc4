import { magnitudePrune } from './magnitude-prune';
import { assertPruningSchedule, sparsityAtRound } from './pruning-schedule';

describe('magnitudePrune', () => {
  it('zeroes the smallest magnitudes of each segment and keeps values outside the segments', () => {
    const weights = new Float32Array([0.1, -3, 0.2, 4, 9, -0.5, 0.4, 0.3, 0.2]);
    const pruned = magnitudePrune(
      weights,
      [
        { offset: 0, length: 4 },
        { offset: 5, length: 4 },
      ],
      0.5,
    );
    expect(Array.from(pruned)).toEqual([0, -3, 0, 4, 9, -0.5, 0.4, 0, 0].map(Math.fround));
    expect(weights[0]).toBeCloseTo(0.1);
  });

  it('breaks ties by index, counts existing zeros, and names bad input', () => {
    expect(Array.from(magnitudePrune(new Float32Array([1, 1, 1, 1]), [{ offset: 0, length: 4 }], 0.5))).toEqual([
      0, 0, 1, 1,
    ]);
    expect(Array.from(magnitudePrune(new Float32Array([0, 2, 1, 3]), [{ offset: 0, length: 4 }], 0.5))).toEqual([
      0, 2, 0, 3,
    ]);
    expect(() => magnitudePrune(new Float32Array(4), [{ offset: 2, length: 4 }], 0.5)).toThrow(/outside/);
    expect(() => magnitudePrune(new Float32Array(4), [], 1)).toThrow(/sparsity/);
  });
});

describe('sparsityAtRound', () => {
  const schedule = { sparsity: 0.8, startRound: 3, everyRounds: 2, steps: 3 };

  it('is 0 before the start, rises along the cubic ramp every K rounds and stays at the target', () => {
    const at = (round: number) => sparsityAtRound(schedule, round);
    expect([1, 2].map(at)).toEqual([0, 0]);
    expect(at(3)).toBeCloseTo(0.8 * (1 - (2 / 3) ** 3), 12);
    expect(at(4)).toBe(at(3));
    expect(at(5)).toBeCloseTo(0.8 * (1 - (1 / 3) ** 3), 12);
    expect([7, 8, 50].map(at)).toEqual([0.8, 0.8, 0.8]);
  });

  it('names a bad schedule field', () => {
    expect(() => assertPruningSchedule({ ...schedule, sparsity: 1 })).toThrow(/pruning.sparsity/);
    expect(() => assertPruningSchedule({ ...schedule, everyRounds: 0 })).toThrow(/pruning.everyRounds/);
  });
});
