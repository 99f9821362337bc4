import { CohortIndex, UnknownCohortMemberError } from './cohort-index';

describe('CohortIndex', () => {
  const cohort = new CohortIndex(['c-a', 'c-b', 'c-c']);

  it('maps client ids to 1-based indices in cohort order and back', () => {
    expect(cohort.size).toBe(3);
    expect(cohort.clientIds).toEqual(['c-a', 'c-b', 'c-c']);
    expect(cohort.allIndices()).toEqual([1, 2, 3]);
    expect(cohort.entries()).toEqual([
      ['c-a', 1],
      ['c-b', 2],
      ['c-c', 3],
    ]);
    for (const [clientId, index] of cohort.entries()) {
      expect(cohort.indexOf(clientId)).toBe(index);
      expect(cohort.clientIdOf(index)).toBe(clientId);
      expect(cohort.has(clientId)).toBe(true);
    }
  });

  it('throws UnknownCohortMemberError for an id or index outside the cohort', () => {
    expect(cohort.has('c-x')).toBe(false);
    expect(() => cohort.indexOf('c-x')).toThrow(UnknownCohortMemberError);
    expect(() => cohort.indexOf('c-x')).toThrow('client c-x is not in the cohort');
    for (const index of [0, 4, -1, 1.5, Number.NaN]) {
      expect(() => cohort.clientIdOf(index)).toThrow(UnknownCohortMemberError);
    }
    expect(() => cohort.clientIdOf(4)).toThrow('cohort index 4 is not in 1..3');
    const error = (() => {
      try {
        cohort.indexOf('constructor');
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(UnknownCohortMemberError);
    expect((error as Error).name).toBe('UnknownCohortMemberError');
  });

  it('takes any cohort size (the SecAgg round decides whether it can run) but refuses repeated and non-string ids', () => {
    const empty = new CohortIndex([]);
    expect(empty.size).toBe(0);
    expect(empty.allIndices()).toEqual([]);
    expect(() => empty.clientIdOf(1)).toThrow(UnknownCohortMemberError);
    expect(() => new CohortIndex(['c-a', 'c-a'])).toThrow(/twice/);
    expect(() => new CohortIndex(['c-a', 7 as unknown as string])).toThrow(/clientIds\[1\]/);
  });

  it('keeps its own copy of the ids', () => {
    const ids = ['c-a', 'c-b'];
    const copy = new CohortIndex(ids);
    ids[0] = 'c-z';
    expect(copy.clientIdOf(1)).toBe('c-a');
  });
});
