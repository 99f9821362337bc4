import { canonicalRank } from './simulation-mode';

describe('canonicalRank', () => {
  it('orders a cohort by the seed alone: same seed same order, whatever the input order', () => {
    const ids = ['sim-0', 'sim-1', 'sim-2', 'sim-3', 'sim-4', 'sim-5'];
    const ranked = canonicalRank(7, ids);
    expect([...ranked].sort()).toEqual(ids);
    expect(canonicalRank(7, [...ids].reverse())).toEqual(ranked);
    expect(canonicalRank(8, ids)).not.toEqual(ranked);
  });
});
