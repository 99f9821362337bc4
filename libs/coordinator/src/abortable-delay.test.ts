import { abortableDelay } from './abortable-delay';

describe('abortableDelay', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('resolves once the time has passed', async () => {
    let done = false;
    const waiting = abortableDelay(1_000, new AbortController().signal).then(() => (done = true));
    await jest.advanceTimersByTimeAsync(999);
    expect(done).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    await waiting;
    expect(done).toBe(true);
  });

  it('resolves at once when the signal aborts, leaving no timer behind', async () => {
    const abort = new AbortController();
    const waiting = abortableDelay(60_000, abort.signal);
    abort.abort();
    await waiting;
    expect(jest.getTimerCount()).toBe(0);
  });
});
