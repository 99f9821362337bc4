import { embeddedRoundDeadline } from './embedded-round-deadline';

describe('embeddedRoundDeadline', () => {
  it('gives each simulated device the deadline, times the cohort members queued on the busiest thread', () => {
    const base = { roundTimeoutMs: 120_000, perRound: 10, clients: 20 };
    // A cohort of ceil(10 x 1.3) = 13: 13 in one thread, 7 on the busier of 2, 4 on the busiest of 4.
    expect(embeddedRoundDeadline({ ...base, threads: 1 })).toBe(13 * 120_000);
    expect(embeddedRoundDeadline({ ...base, threads: 2 })).toBe(7 * 120_000);
    expect(embeddedRoundDeadline({ ...base, threads: 4 })).toBe(4 * 120_000);
    // More threads than members: each trains alone.
    expect(embeddedRoundDeadline({ ...base, threads: 64 })).toBe(120_000);
    // The cohort is at most the clients there are.
    expect(embeddedRoundDeadline({ ...base, clients: 5, threads: 1 })).toBe(5 * 120_000);
  });

  it('leaves light clients (no training) at the deadline as given', () => {
    expect(embeddedRoundDeadline({ roundTimeoutMs: 5_000, perRound: 10, clients: 20, threads: 1, light: true })).toBe(
      5_000,
    );
  });
});
