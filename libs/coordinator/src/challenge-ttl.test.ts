import { challengeTtl } from './challenge-ttl';
import { CHALLENGE_TTL_MS } from './enrollment-gate';

describe('challengeTtl', () => {
  it('lets a challenge be answered as long as its connection may take to enroll, and at least CHALLENGE_TTL_MS', () => {
    // bench:cluster found it: nodes given 300 s to enroll 2,000 clients refused answers after 30 s.
    expect(challengeTtl(300_000)).toBe(300_000);
    expect(challengeTtl(10_000)).toBe(CHALLENGE_TTL_MS);
  });
});
