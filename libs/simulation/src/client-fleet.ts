import type { SimulatedClientSpec, SimulatedClientStats } from './simulated-client-spec';

/**
 * Runs a set of simulated clients against a coordinator until the run ends. Implementations
 * differ only in where the clients train: this thread, or a pool of worker threads.
 */
export interface ClientFleet {
  run(url: string, specs: readonly SimulatedClientSpec[]): Promise<SimulatedClientStats[]>;
  close(): Promise<void>;
}
