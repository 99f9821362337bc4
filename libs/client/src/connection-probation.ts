/**
 * When a welcomed connection has proved itself, so that the reconnect backoff may start afresh
 * after it is lost. A `welcome` alone proves nothing (a node that welcomes and then drops every
 * connection would otherwise be retried at the first backoff step for ever): the connection must
 * receive a task, or stay up for `periodMs` (the policy's `maxBackoffMs`, the longest wait between
 * two attempts), as Akka's auto-reset backoff does with its reset period.
 *
 * @example
 * const probation = new ConnectionProbation(policy.maxBackoffMs, () => (failures = 0));
 * socket.on('welcome', () => probation.start()); // on each welcome
 * socket.on('task', () => probation.pass());
 * socket.on('disconnect', () => probation.stop());
 */
export class ConnectionProbation {
  private timer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly periodMs: number,
    private readonly proven: () => void,
  ) {}

  /** A connection was welcomed: it proves itself once it has lasted `periodMs`. */
  start(): void {
    this.stop();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.proven();
    }, this.periodMs);
  }

  /** The connection proved itself now (it received a task). */
  pass(): void {
    this.stop();
    this.proven();
  }

  /** The connection went (or the run ended) before proving itself. */
  stop(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
