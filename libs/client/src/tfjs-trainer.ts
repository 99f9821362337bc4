import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { buildModel, computeDelta, getFlatWeights, setFlatWeights } from '@edgefl/models';
import { trainLocally } from '@edgefl/runtime';
import type { LocalDataset } from '@edgefl/runtime';
import type { LocalTrainer, LocalTrainingResult, LocalTrainingTask } from './local-trainer';

/**
 * Trains the task's model with TensorFlow.js on whichever backend is active. The model is
 * built once per architecture and reused across rounds, so a long-lived client holds one
 * model's tensors.
 */
export class TfjsTrainer implements LocalTrainer {
  private model?: { key: string; model: LayersModel };

  get backend(): string {
    return tf.getBackend();
  }

  async train(task: LocalTrainingTask, data: LocalDataset): Promise<LocalTrainingResult> {
    const model = this.modelFor(task);
    setFlatWeights(model, task.weights);
    const result = await trainLocally(model, data, task.training, {
      seed: task.seed,
      signal: task.signal,
      onProgress: task.onProgress,
      mask: task.mask,
    });
    const delta = computeDelta(getFlatWeights(model), task.weights);
    return { delta, numSamples: result.numSamples, metrics: { loss: result.loss, accuracy: result.accuracy } };
  }

  dispose(): void {
    this.model?.model.dispose();
    this.model = undefined;
  }

  private modelFor(task: LocalTrainingTask): LayersModel {
    const key = JSON.stringify(task.model);
    if (this.model?.key !== key) {
      this.model?.model.dispose();
      this.model = { key, model: buildModel(task.model, task.seed) };
    }
    return this.model.model;
  }
}
