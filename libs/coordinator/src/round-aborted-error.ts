/** Thrown by a stage to abandon the current attempt of a round; the reason is sent to the cohort. */
export class RoundAbortedError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'RoundAbortedError';
  }
}
