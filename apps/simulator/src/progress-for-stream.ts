import { ProgressLineReporter } from './progress-line-reporter';
import type { ProgressReporter } from './progress-reporter';
import { ProgressTtyReporter } from './progress-tty-reporter';

/**
 * The reporter that suits `out`: a live bar on a terminal, plain lines elsewhere (pipes, files,
 * CI, `TERM=dumb`). Colors follow the NO_COLOR convention.
 *
 * @example
 * const progress = progressForStream(process.stdout, { roundsTotal: options.rounds });
 */
export function progressForStream(
  out: { write(text: string): unknown; isTTY?: boolean; columns?: number },
  options: { roundsTotal: number; env?: Record<string, string | undefined> },
): ProgressReporter {
  const env = options.env ?? process.env;
  if (!out.isTTY || env.TERM === 'dumb' || env.CI) return new ProgressLineReporter(out);
  return new ProgressTtyReporter(out, {
    roundsTotal: options.roundsTotal,
    color: env.NO_COLOR === undefined || env.NO_COLOR === '',
  });
}
