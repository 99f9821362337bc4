import type { ConnectionSummary } from './connect-tally';

/**
 * One line for the console: `120 of 400 clients could not connect: EMFILE x118, timeout x2`.
 *
 * @example
 * formatConnectFailures({ expected: 4, connected: 2, failed: 2, failures: { EMFILE: 2 } }); // '2 of 4 clients could not connect: EMFILE x2'
 */
export function formatConnectFailures(summary: ConnectionSummary): string {
  const reasons = Object.entries(summary.failures)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([reason, count]) => `${reason} x${count}`)
    .join(', ');
  return `${summary.failed} of ${summary.expected} clients could not connect: ${reasons}`;
}
