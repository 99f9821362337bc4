/**
 * The simulator's coordinator process cannot answer: it exited, or closed its IPC channel. Every
 * request pending then, and every later one, rejects with it.
 *
 * @example
 * await coordinator.run().catch((error) => {
 *   if (error instanceof CoordinatorProcessError) console.error('the coordinator process is gone:', error.message);
 * });
 */
export class CoordinatorProcessError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CoordinatorProcessError';
  }
}
