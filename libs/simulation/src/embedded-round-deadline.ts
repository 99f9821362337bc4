import { DEFAULT_COORDINATOR_CONFIG } from '@edgefl/coordinator';
import type { SimulationOptions } from './simulation-options';

/**
 * The embedded coordinator's reporting deadline: `roundTimeoutMs` for each simulated device, times
 * the cohort members one worker thread trains one after another. A real device has its own CPU; a
 * simulated one waits its turn on a shared thread, so a wall-clock deadline of one device's
 * allowance would count the last in the queue as late, and a round of honest clients would be
 * abandoned on a slow or busy machine. Light clients do not compute: their deadline is unscaled.
 *
 * @example
 * // 10 per round -> a cohort of 13 (over-selection 1.3), 7 queued on the busier of 2 threads:
 * embeddedRoundDeadline({ roundTimeoutMs: 120_000, perRound: 10, clients: 20, threads: 2 }); // 840000
 */
export function embeddedRoundDeadline(
  options: Pick<SimulationOptions, 'roundTimeoutMs' | 'perRound' | 'clients' | 'threads' | 'light'>,
): number {
  if (options.light) return options.roundTimeoutMs;
  const cohort = Math.min(options.clients, Math.ceil(options.perRound * DEFAULT_COORDINATOR_CONFIG.overSelection));
  const queued = Math.max(1, Math.ceil(cohort / Math.max(1, options.threads)));
  return options.roundTimeoutMs * queued;
}
