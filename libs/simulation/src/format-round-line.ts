import { formatBytes } from '@edgefl/dashboard/page-kit';
import type { RoundProgress } from './simulation-report';

/** One fixed-width line per round: what an operator scans for while a run goes by. */
export function formatRoundLine(row: RoundProgress): string {
  const percent = (x: number | null): string => (x === null ? '   n/a' : `${(100 * x).toFixed(2)}%`.padStart(6));
  return [
    `round ${String(row.round).padStart(3)}`,
    `acc ${percent(row.accuracy)}`,
    `loss ${row.loss === null ? 'n/a' : row.loss.toFixed(4)}`,
    `clients ${String(row.participants).padStart(3)}`,
    `dropped ${String(row.dropped).padStart(2)}`,
    `up ${formatBytes(row.bytesUp).padStart(9)}`,
    `down ${formatBytes(row.bytesDown).padStart(9)}`,
    `${(row.durationMs / 1000).toFixed(1).padStart(6)}s`,
    ...(row.epsilon === undefined ? [] : [`eps ${row.epsilon.toFixed(3)}`]),
  ].join('  ');
}
