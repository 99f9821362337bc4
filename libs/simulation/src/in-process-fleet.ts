import { setMaxListeners } from 'node:events';
import type { ClientFleet } from './client-fleet';
import { runSimulatedClient, type ConnectOutcome } from './run-simulated-client';
import type { SimulatedClientSpec, SimulatedClientStats } from './simulated-client-spec';

/** Every client in the calling thread, sharing its tfjs runtime: simple to debug, one core. */
export class InProcessFleet implements ClientFleet {
  private readonly abort = new AbortController();

  constructor() {
    // Every client listens on the one signal.
    setMaxListeners(0, this.abort.signal);
  }

  run(
    url: string,
    specs: readonly SimulatedClientSpec[],
    onConnect?: (outcome: ConnectOutcome) => void,
  ): Promise<SimulatedClientStats[]> {
    return Promise.all(specs.map((spec) => runSimulatedClient(spec, url, this.abort.signal, onConnect)));
  }

  async close(): Promise<void> {
    this.abort.abort();
  }
}
