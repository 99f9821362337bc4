import { useBackend } from '@edgefl/runtime';
import { calibrateActivations } from '../calibrate-activations';
import { exportTfliteFullInt8Model } from '../tflite-full-int8-model';
import { maxAbsDiff, randomImages, randomWeights, referenceOutputs } from '../testing/random-model';
import { TINY_SPEC } from '../testing/tiny-model';
import { loadTfliteRunner } from './tflite-runner';

describe('exportTfliteFullInt8Model in the tfjs-tflite interpreter (wasm, Node)', () => {
  let flat: Float32Array;
  const images = randomImages(64, TINY_SPEC.inputShape, 31);
  let reference: Float32Array;

  beforeAll(async () => {
    await useBackend('cpu');
    flat = randomWeights(TINY_SPEC, 32);
    reference = referenceOutputs(TINY_SPEC, flat, images, 64);
  });

  it('calibrates every activation range and the int8 graph stays close to tfjs', async () => {
    const ranges = calibrateActivations(TINY_SPEC, flat, images, 64);
    expect(ranges.blocks).toHaveLength(2);
    expect(ranges.input.min).toBeGreaterThanOrEqual(0);
    expect(ranges.blocks.every((b) => b.relu.min === 0)).toBe(true);
    const runner = await loadTfliteRunner(exportTfliteFullInt8Model(TINY_SPEC, flat, ranges));
    const outputs = new Float32Array(reference.length);
    for (let i = 0; i < 64; i++) outputs.set(runner.run(images.subarray(i * 144, (i + 1) * 144)), i * 4);
    runner.dispose();
    expect(maxAbsDiff(outputs, reference)).toBeLessThan(0.05);
  });
});
