import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { useBackend } from '@edgefl/runtime';
import { DEFAULT_MODEL_SPEC } from '@edgefl/protocol';
import { exportTfjsArtifact, tfjsModelJsonText, type TfjsArtifact } from './tfjs-artifact';
import { maxAbsDiff, randomImages, randomWeights, referenceOutputs } from './testing/random-model';
import { TINY_SPEC } from './testing/tiny-model';

async function load(artifact: TfjsArtifact): Promise<tfl.LayersModel> {
  const { modelJson, weightData } = artifact;
  return tfl.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: modelJson.modelTopology,
      weightSpecs: modelJson.weightsManifest[0].weights,
      weightData: weightData.slice().buffer,
    }),
  );
}

describe('exportTfjsArtifact', () => {
  let flat: Float32Array;
  const images = randomImages(6, TINY_SPEC.inputShape, 9);
  let reference: Float32Array;

  beforeAll(async () => {
    await useBackend('cpu');
    flat = randomWeights(TINY_SPEC, 5);
    flat[0] = 0;
    reference = referenceOutputs(TINY_SPEC, flat, images, 6);
  });

  it.each([
    ['float32', 4, 1e-6],
    ['float16', 2, 2e-3],
    ['uint8', 1, 2e-2],
  ] as const)(
    '%s loads unchanged in tf.loadLayersModel (%d bytes/param) and matches the float model',
    async (precision, bytesPerParam, tolerance) => {
      const artifact = await exportTfjsArtifact(TINY_SPEC, flat, precision);
      const entries = artifact.modelJson.weightsManifest[0].weights;
      const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);
      // Tensors of fewer than 19 values stay float32 (their manifest entry would outweigh the saving).
      expect(entries.map((e) => e.quantization?.dtype ?? 'float32')).toEqual(
        entries.map((e) => (precision !== 'float32' && size(e.shape) >= 19 ? precision : 'float32')),
      );
      expect(artifact.weightData.length).toBe(
        entries.reduce((sum, e) => sum + size(e.shape) * (e.quantization ? bytesPerParam : 4), 0),
      );
      const model = await load(artifact);
      const outputs = tf.tidy(() => (model.predict(tf.tensor4d(images, [6, 12, 12, 1])) as tf.Tensor).dataSync());
      expect(maxAbsDiff(outputs, reference)).toBeLessThan(tolerance);
      // A zero weight stays exactly zero after tfjs dequantizes it.
      expect(model.getWeights()[0].dataSync()[0]).toBe(0);
      model.dispose();
    },
  );

  it('writes the reference model as uint8 in at most 27% of the float32 bytes (model.json included)', async () => {
    const reference = randomWeights(DEFAULT_MODEL_SPEC, 8);
    const bytes = async (precision: 'float32' | 'uint8') => {
      const artifact = await exportTfjsArtifact(DEFAULT_MODEL_SPEC, reference, precision);
      return tfjsModelJsonText(artifact).length + artifact.weightData.length;
    };
    const ratio = (await bytes('uint8')) / (await bytes('float32'));
    expect(ratio).toBeGreaterThan(0.25);
    expect(ratio).toBeLessThanOrEqual(0.27);
  });

  it('refuses weights of the wrong length', async () => {
    await expect(exportTfjsArtifact(TINY_SPEC, flat.subarray(1), 'uint8')).rejects.toThrow(/parameters/);
  });
});
