/** Where a demo client is in its life; shown on the page and read by tests. */
export type DemoClientStatus =
  'starting' | 'connecting' | 'connected' | 'training' | 'waiting' | 'disconnected' | 'finished' | 'failed';

/** A snapshot of a demo client, as {@link startDemoClient} reports it. Holds no examples. */
export interface DemoClientState {
  status: DemoClientStatus;
  /** The coordinator's URL. */
  url: string;
  /** The tfjs backend training runs on, once started. */
  backend: string | null;
  /** Why the wasm backend could not start, when it could not. */
  wasmError: string | null;
  /** The id the coordinator knows this client by, once connected. */
  clientId: string | null;
  /** Seeds the local procedural examples. */
  seed: number;
  /** Local examples per model shape. */
  examples: number;
  /** The round of the latest task. */
  round: number | null;
  /** Updates the coordinator accepted from this client. */
  roundsParticipated: number;
  /** The global model version of the latest round-end. */
  modelVersion: number | null;
  /** Local training progress of the current round. */
  progress: { epoch: number; step: number; steps: number; loss: number } | null;
  /** The latest update sent. */
  lastUpdate: { round: number | null; bytes: number; numSamples: number; loss: number } | null;
  /** Outcome of the latest round this client was selected for. */
  lastRoundOutcome: string | null;
  /** Error messages, oldest first (at most 20). */
  errors: string[];
}
