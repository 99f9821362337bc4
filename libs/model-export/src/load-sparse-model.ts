import type { LayersModel } from '@tensorflow/tfjs-layers';
import { buildModel, setFlatWeights } from '@edgefl/models';
import { decodeSparseArtifact } from './decode-sparse-artifact';

/**
 * Rebuilds the tfjs model of a sparse weights file (`model-sparse.efls`,
 * `model-sparse-int8.efls`): the network of its spec (`buildModel`) with the decoded weights
 * (pruned ones 0, int8 ones dequantized). Isomorphic: fetch or read the bytes, then call it; the
 * model runs on whatever tfjs backend is active. Dispose it when done.
 *
 * @example
 * const model = loadSparseModel(new Uint8Array(await (await fetch('model/model-sparse-int8.efls')).arrayBuffer()));
 * const probabilities = model.predict(images);
 */
export function loadSparseModel(bytes: Uint8Array): LayersModel {
  const { spec, weights } = decodeSparseArtifact(bytes);
  const model = buildModel(spec);
  try {
    setFlatWeights(model, weights);
  } catch (error) {
    model.dispose();
    throw error;
  }
  return model;
}
