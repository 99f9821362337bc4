import type { CoordinatorConfig, CoordinatorConfigInput, CoordinatorEvents } from '@edgefl/coordinator';
import type { RoundRecord } from '@edgefl/coordinator-store';
import type { SimulationOptions } from './simulation-options';

/** The simulator to its coordinator process (structured clone over the IPC channel). */
export type CoordinatorProcessRequest =
  | {
      type: 'start';
      config: CoordinatorConfigInput;
      /** The simulation's options, to load the same held-out set and evaluate on it; absent in light mode. */
      evaluateWith?: SimulationOptions;
      backend: SimulationOptions['backend'];
    }
  | { type: 'wait-for-clients'; count: number; timeoutMs: number }
  | { type: 'run' }
  | { type: 'close' };

/** The events of CoordinatorEvents the simulator listens to, forwarded as they happen. */
export type ForwardedEvent = 'evaluation' | 'round-end' | 'round-start' | 'update-accepted';

/** The coordinator process to the simulator. */
export type CoordinatorProcessReply =
  | { type: 'listening'; url: string; config: CoordinatorConfig }
  | { [E in ForwardedEvent]: { type: 'event'; event: E; args: CoordinatorEvents[E] } }[ForwardedEvent]
  | { type: 'clients'; all: boolean }
  | { type: 'done'; weights: Float32Array; modelVersion: number; attempts: RoundRecord[]; budgetSpent?: boolean }
  | { type: 'failed'; message: string };
