import type { ModelSpec } from '@edgefl/protocol';
import { makeProceduralDataset, type Dataset } from '@edgefl/datasets';
import { buildModel, getFlatWeights } from '@edgefl/models';
import { trainLocally, useBackend } from '@edgefl/runtime';

/** A two-block separable CNN on 12x12 images, small enough to train in a test. */
export const TINY_SPEC: ModelSpec = { kind: 'separable-cnn', inputShape: [12, 12, 1], widths: [8, 16], classes: 4 };

/** Procedural images for TINY_SPEC (fixed seeds). */
export function tinyDataset(count: number, seed: number): Dataset {
  return makeProceduralDataset({ count, seed, shape: [12, 12, 1], classes: 4, noise: 0.15 });
}

/** Weights of TINY_SPEC after a short seeded training on 480 procedural images (wasm backend). */
export async function trainTinyModel(): Promise<Float32Array> {
  await useBackend('wasm');
  const model = buildModel(TINY_SPEC, 7);
  try {
    await trainLocally(
      model,
      tinyDataset(480, 1),
      { epochs: 10, batchSize: 16, learningRate: 0.005, optimizer: 'adam' },
      { seed: 3 },
    );
    return getFlatWeights(model);
  } finally {
    model.dispose();
  }
}
