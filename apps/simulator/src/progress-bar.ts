/**
 * A fixed-width text bar for `done` of `total`, clamped to [0, total].
 *
 * @example
 * renderProgressBar(3, 10, 10); // '███░░░░░░░'
 */
export function renderProgressBar(done: number, total: number, width: number): string {
  if (!Number.isInteger(width) || width < 1) throw new RangeError(`width must be a positive integer, got ${width}`);
  if (!(total > 0)) throw new RangeError(`total must be positive, got ${total}`);
  if (!Number.isFinite(done)) throw new RangeError(`done must be a finite number, got ${done}`);
  const filled = Math.round((width * Math.min(Math.max(done, 0), total)) / total);
  return '█'.repeat(filled) + '░'.repeat(width - filled);
}
