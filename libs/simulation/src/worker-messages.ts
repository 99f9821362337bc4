import type { BackendName } from '@edgefl/runtime';
import type { SimulatedClientSpec, SimulatedClientStats } from './simulated-client-spec';

/** Main thread to simulation worker. */
export type WorkerRequest =
  { type: 'run'; url: string; backend: BackendName; specs: SimulatedClientSpec[] } | { type: 'stop' };

/** Simulation worker to main thread. */
export type WorkerReply = { type: 'done'; stats: SimulatedClientStats[] } | { type: 'failed'; message: string };
