import type { ConnectionSummary } from './connect-tally';
import { formatConnectFailures } from './format-connect-failures';

/** The simulation stopped before its first round: fewer clients connected than a round needs. */
export class TooFewClientsError extends Error {
  constructor(
    readonly connections: ConnectionSummary,
    /** Reports a round needs (`--min-reports`). */
    readonly needed: number,
  ) {
    super(
      `${formatConnectFailures(connections)}; only ${connections.connected} connected and a round needs ${needed} (--min-reports): ` +
        'raise the open-file limit (ulimit -n), use fewer --clients, or see the reasons above',
    );
    this.name = 'TooFewClientsError';
  }
}
