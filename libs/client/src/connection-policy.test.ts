import { DEFAULT_CONNECTION_POLICY, backoffDelay, resolveConnectionPolicy } from './connection-policy';

describe('resolveConnectionPolicy', () => {
  it('fills in the defaults', () => {
    expect(resolveConnectionPolicy()).toEqual(DEFAULT_CONNECTION_POLICY);
    expect(resolveConnectionPolicy({ retries: 0, timeoutMs: undefined })).toEqual({
      ...DEFAULT_CONNECTION_POLICY,
      retries: 0,
    });
    expect(resolveConnectionPolicy({ retries: Number.POSITIVE_INFINITY }).retries).toBe(Number.POSITIVE_INFINITY);
  });

  it.each([
    [{ timeoutMs: 0 }, 'options.connection.timeoutMs must be a number >= 1, got 0'],
    [{ timeoutMs: Number.POSITIVE_INFINITY }, 'options.connection.timeoutMs must be finite'],
    [{ retries: -1 }, 'options.connection.retries must be a number >= 0, got -1'],
    [{ retries: 1.5 }, 'options.connection.retries must be an integer or Infinity'],
    [{ backoffMs: Number.NaN }, 'options.connection.backoffMs must be a number >= 0'],
    [{ backoffMs: 100, maxBackoffMs: 50 }, 'options.connection.maxBackoffMs (50) must be >= backoffMs (100)'],
  ])('refuses %p', (options, message) => {
    expect(() => resolveConnectionPolicy(options)).toThrow(message);
  });
});

describe('backoffDelay', () => {
  const policy = resolveConnectionPolicy({ backoffMs: 100, maxBackoffMs: 1_000 });

  it('doubles per attempt, jitters by ±50 % and stops at the cap', () => {
    expect([1, 2, 3, 4].map((attempt) => backoffDelay(policy, attempt, () => 0.5))).toEqual([100, 200, 400, 800]);
    expect(backoffDelay(policy, 1, () => 0)).toBe(50);
    expect(backoffDelay(policy, 1, () => 0.999)).toBe(150);
    expect(backoffDelay(policy, 5, () => 0.5)).toBe(1_000);
    expect(backoffDelay(policy, 1_000, () => 0.5)).toBe(1_000);
  });
});
