/** How the simulated clients' first connections went: `report.json`'s `connections`. */
export interface ConnectionSummary {
  /** Simulated clients started. */
  expected: number;
  /** Clients the coordinator welcomed at least once. */
  connected: number;
  /** Clients that gave up before their first welcome. */
  failed: number;
  /** Failed clients per reason (`EMFILE`, `timeout`, `refused: <code>`...; see connectFailureReason). */
  failures: Record<string, number>;
}

/**
 * Counts the first connection of every simulated client, as connected or failed with a reason,
 * and says when each client has one or the other: the run then need not wait for clients that
 * will never come.
 *
 * @example
 * const tally = new ConnectTally(3);
 * tally.connected('a'); tally.failed('b', 'EMFILE'); tally.failed('c', 'EMFILE');
 * await tally.settled; // { expected: 3, connected: 1, failed: 2, failures: { EMFILE: 2 } }
 */
export class ConnectTally {
  private readonly outcomes = new Map<string, string | null>();
  private settle: () => void = () => undefined;
  /** Resolves once every expected client connected or failed. */
  readonly settled: Promise<ConnectionSummary>;

  constructor(private readonly expected: number) {
    this.settled = new Promise((resolve) => {
      this.settle = () => resolve(this.summary());
    });
    if (expected === 0) this.settle();
  }

  connected(clientId: string): void {
    this.record(clientId, null);
  }

  failed(clientId: string, reason: string): void {
    this.record(clientId, reason);
  }

  summary(): ConnectionSummary {
    const failures: Record<string, number> = {};
    let connected = 0;
    for (const reason of this.outcomes.values()) {
      if (reason === null) connected++;
      else failures[reason] = (failures[reason] ?? 0) + 1;
    }
    return { expected: this.expected, connected, failed: this.outcomes.size - connected, failures };
  }

  /** The first outcome of a client counts: a later one (a rejoin) changes nothing. */
  private record(clientId: string, reason: string | null): void {
    if (this.outcomes.has(clientId)) return;
    this.outcomes.set(clientId, reason);
    if (this.outcomes.size === this.expected) this.settle();
  }
}
