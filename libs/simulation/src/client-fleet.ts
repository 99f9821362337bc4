import type { ConnectOutcome } from './run-simulated-client';
import type { SimulatedClientSpec, SimulatedClientStats } from './simulated-client-spec';

/**
 * Runs a set of simulated clients against a coordinator until the run ends. Implementations
 * differ only in where the clients train: this thread, or a pool of worker threads.
 */
export interface ClientFleet {
  /** `onConnect` hears how each client's first connection went (once per client). */
  run(
    url: string,
    specs: readonly SimulatedClientSpec[],
    onConnect?: (outcome: ConnectOutcome) => void,
  ): Promise<SimulatedClientStats[]>;
  close(): Promise<void>;
}
