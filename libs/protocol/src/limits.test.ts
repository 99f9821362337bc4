import { DEFAULT_LIMITS } from './limits';

describe('DEFAULT_LIMITS', () => {
  it('is 16 MiB per update and 20 MiB per message, frozen', () => {
    expect(DEFAULT_LIMITS).toEqual({ maxUpdateBytes: 16_777_216, maxMessageBytes: 20_971_520 });
    expect(Object.isFrozen(DEFAULT_LIMITS)).toBe(true);
  });

  it("carries a 1M-parameter float32 update that socket.io's default 1e6 bytes would refuse", () => {
    const update = 16 + 4 * 1_000_000;
    expect(update).toBeGreaterThan(1e6);
    expect(update).toBeLessThanOrEqual(DEFAULT_LIMITS.maxUpdateBytes);
  });
});
