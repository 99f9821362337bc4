import type { BackendName } from '@edgefl/runtime';
import type { ConnectOutcome } from './run-simulated-client';
import type { SimulatedClientSpec, SimulatedClientStats } from './simulated-client-spec';

/** Main thread to simulation worker. */
export type WorkerRequest =
  { type: 'run'; url: string; backend: BackendName; specs: SimulatedClientSpec[] } | { type: 'stop' };

/** Simulation worker to main thread. */
export type WorkerReply =
  | { type: 'connect'; outcome: ConnectOutcome }
  | { type: 'done'; stats: SimulatedClientStats[] }
  | { type: 'failed'; message: string };
