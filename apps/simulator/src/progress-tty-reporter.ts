import { renderProgressBar } from './progress-bar';
import type { ProgressReporter, ProgressState } from './progress-reporter';

/** What a terminal reporter writes to: a TTY stream, or anything shaped like one in tests. */
export interface ProgressTerminal {
  write(text: string): unknown;
  columns?: number;
}

const CLEAR_LINE = '\r\x1b[2K';

/**
 * Progress for a terminal: permanent lines scroll up while one status line at the bottom is
 * redrawn in place with `\r` and an ANSI line clear, e.g.
 * `████████░░░░░░░░  4/10 rounds  round 5 · 3.2s  clients 3/10  acc 81.23%`.
 *
 * @example
 * const progress = new ProgressTtyReporter(process.stdout, { roundsTotal: 10 });
 * progress.update({ roundsDone: 1, accuracy: 0.42 });
 * progress.finish();
 */
export class ProgressTtyReporter implements ProgressReporter {
  private state: ProgressState;
  private roundStartedAt: number;
  private readonly timer?: NodeJS.Timeout;
  private readonly color: boolean;
  private readonly now: () => number;
  private drawn = false;

  constructor(
    private readonly out: ProgressTerminal,
    options: { roundsTotal: number; refreshMs?: number; color?: boolean; now?: () => number },
  ) {
    if (typeof out?.write !== 'function') throw new TypeError('out must be a writable stream');
    if (!Number.isInteger(options.roundsTotal) || options.roundsTotal < 1) {
      throw new RangeError(`options.roundsTotal must be a positive integer, got ${options.roundsTotal}`);
    }
    this.now = options.now ?? Date.now;
    this.color = options.color ?? true;
    this.state = { roundsDone: 0, roundsTotal: options.roundsTotal };
    this.roundStartedAt = this.now();
    const refreshMs = options.refreshMs ?? 500;
    if (refreshMs > 0) {
      // Redraws the elapsed time between events; never keeps the process alive.
      this.timer = setInterval(() => this.draw(), refreshMs);
      this.timer.unref();
    }
  }

  log(line: string): void {
    this.out.write(`${this.drawn ? CLEAR_LINE : ''}${line}\n`);
    this.drawn = false;
    this.draw();
  }

  update(state: Partial<ProgressState>): void {
    const roundChanged =
      (state.roundsDone !== undefined && state.roundsDone !== this.state.roundsDone) ||
      (state.round !== undefined && state.round !== this.state.round) ||
      (state.attempt !== undefined && state.attempt !== this.state.attempt);
    if (roundChanged) {
      this.roundStartedAt = this.now();
      // A new round has reported nothing yet unless the caller says otherwise.
      if (state.reported === undefined) this.state = { ...this.state, reported: undefined };
    }
    this.state = { ...this.state, ...state };
    this.draw();
  }

  finish(): void {
    clearInterval(this.timer);
    if (this.drawn) this.out.write(CLEAR_LINE);
    this.drawn = false;
  }

  /** The status line as it is drawn now, without colors. */
  statusLine(): string {
    return this.compose(false);
  }

  private draw(): void {
    const plain = this.compose(false);
    const columns = this.out.columns;
    // Wider than the terminal would wrap, and `\r` would then redraw only the last row.
    const line =
      columns && plain.length >= columns ? plain.slice(0, Math.max(0, columns - 1)) : this.compose(this.color);
    this.out.write(`${CLEAR_LINE}${line}`);
    this.drawn = true;
  }

  private compose(color: boolean): string {
    const { roundsDone, roundsTotal, round, attempt, reported, goal, accuracy } = this.state;
    const paint = (code: string, text: string): string => (color ? `\x1b[${code}m${text}\x1b[0m` : text);
    const parts = [
      paint('32', renderProgressBar(roundsDone, roundsTotal, 24)),
      `${String(roundsDone).padStart(String(roundsTotal).length)}/${roundsTotal} rounds`,
    ];
    if (roundsDone < roundsTotal) {
      const seconds = ((this.now() - this.roundStartedAt) / 1000).toFixed(1);
      const current = round ?? roundsDone + 1;
      parts.push(`round ${current}${attempt && attempt > 1 ? ` (attempt ${attempt})` : ''} · ${seconds}s`);
      if (reported !== undefined) parts.push(`clients ${reported}${goal ? `/${goal}` : ''}`);
    }
    if (accuracy !== undefined && accuracy !== null) parts.push(paint('1', `acc ${(100 * accuracy).toFixed(2)}%`));
    return parts.join('  ');
  }
}
