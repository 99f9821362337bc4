import fc from 'fast-check';
import { selectCohort } from './select-cohort';

describe('selectCohort', () => {
  it('over-selects distinct available ids, reproducibly for a seed', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 5 }), { maxLength: 60 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer(),
        (ids, goal, seed) => {
          const cohort = selectCohort(ids, goal, 1.3, seed);
          expect(cohort.length).toBe(Math.min(ids.length, Math.ceil(goal * 1.3)));
          expect(new Set(cohort).size).toBe(cohort.length);
          for (const id of cohort) expect(ids).toContain(id);
          expect(selectCohort([...ids].reverse(), goal, 1.3, seed)).toEqual(cohort);
        },
      ),
    );
  });

  it('names a bad argument', () => {
    expect(() => selectCohort(['a'], 0, 1.3, 1)).toThrow(/goal/);
    expect(() => selectCohort(['a'], 1, 0.5, 1)).toThrow(/overSelection/);
  });
});
