import type { Dataset } from '@edgefl/datasets';

/** One simulated device: its id, its data shard and how it misbehaves. */
export interface SimulatedClientSpec {
  clientId: string;
  data: Dataset;
  /** Probability of vanishing mid-round, per round it is selected for. */
  dropout: number;
  /** Probability of reporting after the deadline, per round. */
  straggle: number;
  /** Sends corrupt updates every round. */
  badActor: boolean;
  roundTimeoutMs: number;
  seed: number;
  /** Train with a LightTrainer (no tfjs) that reports after this many ms. */
  lightDelayMs?: number;
  /** The coordinator node this client connects to (several nodes: see spreadOverCoordinators); default the fleet's URL. */
  coordinatorUrl?: string;
  /** The other nodes, in the order the client fails over to them when its own goes down (`FederatedClientOptions.urls`). */
  failoverUrls?: string[];
}

/** What a simulated client did over the run. */
export interface SimulatedClientStats {
  clientId: string;
  backend: string;
  roundsParticipated: number;
  dropouts: number;
  rejections: number;
  bytesSent: number;
  /** Why the client was never welcomed (connectFailureReason); absent when it connected. */
  connectFailure?: string;
}
