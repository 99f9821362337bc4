/**
 * Coalesces a burst of updates into one emission per key per `intervalMs`: {@link LatestValueBatcher.set}
 * keeps only the newest value of each key, and a timer hands the newest values to `flush` at most
 * once per interval. A thousand rejections in a second become one `rejected` frame per viewer.
 *
 * @example
 * const batcher = new LatestValueBatcher<'rejected', { total: number }>(500, (key, value) => namespace.emit(key, value));
 * batcher.set('rejected', { total: 41 });
 */
export class LatestValueBatcher<K extends string, V> {
  private readonly latest = new Map<K, V>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly intervalMs: number,
    private readonly flush: (key: K, value: V) => void,
  ) {
    if (!Number.isInteger(intervalMs) || intervalMs < 1)
      throw new RangeError(`intervalMs must be an integer >= 1, got ${intervalMs}`);
  }

  /** Replaces the pending value of `key`; it goes out at the next tick of the interval. */
  set(key: K, value: V): void {
    this.latest.set(key, value);
    if (!this.timer) {
      this.timer = setTimeout(() => this.drain(), this.intervalMs);
      this.timer.unref();
    }
  }

  /** Drops pending values and stops the timer. */
  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.latest.clear();
  }

  private drain(): void {
    this.timer = undefined;
    const pending = [...this.latest];
    this.latest.clear();
    for (const [key, value] of pending) this.flush(key, value);
  }
}
