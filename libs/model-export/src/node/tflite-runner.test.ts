import { useBackend } from '@edgefl/runtime';
import { exportTfliteModel } from '../tflite-model';
import { maxAbsDiff, randomImages, randomWeights, referenceOutputs } from '../testing/random-model';
import { TINY_SPEC } from '../testing/tiny-model';
import { loadTfliteRunner } from './tflite-runner';

describe('exportTfliteModel in the tfjs-tflite interpreter (wasm, Node)', () => {
  let flat: Float32Array;
  const images = randomImages(4, TINY_SPEC.inputShape, 22);
  let reference: Float32Array;

  beforeAll(async () => {
    await useBackend('cpu');
    flat = randomWeights(TINY_SPEC, 21);
    reference = referenceOutputs(TINY_SPEC, flat, images, 4);
  });

  it('float32 loads and equals tfjs within 1e-5, one image per call', async () => {
    const runner = await loadTfliteRunner(exportTfliteModel(TINY_SPEC, flat, 'float32'));
    expect(runner.inputShape).toEqual([1, 12, 12, 1]);
    const outputs = new Float32Array(reference.length);
    for (let i = 0; i < 4; i++) outputs.set(runner.run(images.subarray(i * 144, (i + 1) * 144)), i * 4);
    runner.dispose();
    expect(maxAbsDiff(outputs, reference)).toBeLessThan(1e-5);
  });

  it('a batch-4 float32 file runs the whole batch in one call', async () => {
    const runner = await loadTfliteRunner(exportTfliteModel(TINY_SPEC, flat, 'float32', { batch: 4 }));
    expect(runner.inputShape).toEqual([4, 12, 12, 1]);
    expect(maxAbsDiff(runner.run(images), reference)).toBeLessThan(1e-5);
    runner.dispose();
  });

  it('int8 (per-channel int8 filters, hybrid kernels) loads and stays close to tfjs', async () => {
    const bytes = exportTfliteModel(TINY_SPEC, flat, 'int8');
    expect(bytes.length).toBeLessThan(exportTfliteModel(TINY_SPEC, flat, 'float32').length);
    const runner = await loadTfliteRunner(bytes);
    const outputs = new Float32Array(reference.length);
    for (let i = 0; i < 4; i++) outputs.set(runner.run(images.subarray(i * 144, (i + 1) * 144)), i * 4);
    runner.dispose();
    expect(maxAbsDiff(outputs, reference)).toBeLessThan(5e-2);
  });

  it('refuses bytes that are not a TFLite model with a named error', async () => {
    await expect(loadTfliteRunner(new Uint8Array(64))).rejects.toThrow(/TFLite interpreter refused the model/);
  });
});
