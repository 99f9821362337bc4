import { AuthThrottle } from './auth-throttle';

describe('AuthThrottle', () => {
  it('blocks an address after its failures, not the others, and forgets the oldest addresses past its table size', () => {
    const throttle = new AuthThrottle(3, 60_000, 2);
    for (let i = 0; i < 3; i++) throttle.failed('a');
    expect(throttle.blocked('a')).toBe(true);
    expect(throttle.blocked('b')).toBe(false);
    throttle.failed('b');
    throttle.failed('c');
    expect(throttle.blocked('a')).toBe(false);
  });
});
