import type { ProgressReporter, ProgressState } from './progress-reporter';

/**
 * Progress for pipes, files and CI logs: the permanent lines only, one per write.
 *
 * @example
 * const progress = new ProgressLineReporter(process.stdout);
 * progress.log('round   1  acc 42.00%');
 */
export class ProgressLineReporter implements ProgressReporter {
  constructor(private readonly out: { write(text: string): unknown }) {
    if (typeof out?.write !== 'function') throw new TypeError('out must be a writable stream');
  }

  log(line: string): void {
    this.out.write(`${line}\n`);
  }

  update(_state: Partial<ProgressState>): void {
    // A log file gets the per-round lines only; a redrawn bar would be noise there.
  }

  finish(): void {
    // Nothing to clear.
  }
}
