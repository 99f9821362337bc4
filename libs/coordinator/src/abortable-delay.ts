/**
 * Resolves after `ms`, or at once when `signal` aborts (never rejects): a wait a stopping
 * coordinator does not sit out.
 *
 * @example
 * await abortableDelay(2_000, this.abort.signal);
 */
export function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
