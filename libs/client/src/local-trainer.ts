import type { ModelSpec, PruningMask, TrainingConfig } from '@edgefl/protocol';
import type { LocalDataset } from '@edgefl/runtime';

/** One round's work for a {@link LocalTrainer}. */
export interface LocalTrainingTask {
  roundId: string;
  model: ModelSpec;
  /** Global weights, flattened in model order. */
  weights: Float32Array;
  training: TrainingConfig;
  seed: number;
  signal: AbortSignal;
  /**
   * A pruned model's mask (`task.mask`): `weights` are already 0 at its pruned coordinates and
   * the trainer should keep them there (the runtime's `trainLocally` does with its `mask` option).
   * Whatever it returns there is dropped: the update carries the kept coordinates only.
   */
  mask?: PruningMask;
  onProgress?: (progress: { epoch: number; step: number; steps: number; loss: number }) => void;
}

/** What a {@link LocalTrainer} returns: the update and aggregate metrics, never examples. */
export interface LocalTrainingResult {
  /** local weights - global weights, flattened. */
  delta: Float32Array;
  numSamples: number;
  metrics: { loss: number; accuracy: number };
}

/**
 * The seam between the protocol client and the training runtime. The default trains a tfjs
 * model ({@link TfjsTrainer}); simulations may substitute cheaper trainers or run them in a
 * worker. An implementation must honour `task.signal` and must not leak tensors across calls.
 */
export interface LocalTrainer {
  /** The tfjs backend (or other engine) the trainer runs on, reported to the coordinator. */
  readonly backend: string;
  train(task: LocalTrainingTask, data: LocalDataset): Promise<LocalTrainingResult>;
  dispose(): void;
}
