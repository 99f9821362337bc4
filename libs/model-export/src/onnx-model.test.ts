import { onnx } from 'onnx-proto';
import { useBackend } from '@edgefl/runtime';
import { loadOnnxClassifier } from './onnx-classifier';
import { exportOnnxModel, ONNX_OPSET } from './onnx-model';
import { maxAbsDiff, randomImages, randomWeights, referenceOutputs } from './testing/random-model';
import { TINY_SPEC } from './testing/tiny-model';

describe('exportOnnxModel', () => {
  let flat: Float32Array;
  const images = randomImages(8, TINY_SPEC.inputShape, 12);
  let reference: Float32Array;

  beforeAll(async () => {
    await useBackend('cpu');
    flat = randomWeights(TINY_SPEC, 11);
    reference = referenceOutputs(TINY_SPEC, flat, images, 8);
  });

  it('writes an opset-13 graph whose separable blocks are a grouped Conv then a 1x1 Conv', () => {
    const model = onnx.ModelProto.decode(exportOnnxModel(TINY_SPEC, flat, 'float32'));
    expect(Number(model.opsetImport[0]!.version)).toBe(ONNX_OPSET);
    const convs = model.graph!.node!.filter((n) => n.opType === 'Conv');
    expect(convs).toHaveLength(4);
    const group = (n: onnx.INodeProto) => Number(n.attribute!.find((a) => a.name === 'group')?.i ?? 1);
    expect(convs.map(group)).toEqual([1, 1, 8, 1]);
  });

  it('float32 runs in onnxruntime-web (wasm) and equals tfjs within 1e-5', async () => {
    const classifier = await loadOnnxClassifier(exportOnnxModel(TINY_SPEC, flat, 'float32'), TINY_SPEC.inputShape);
    const outputs = await classifier.run(images, 8);
    await classifier.release();
    expect(maxAbsDiff(outputs, reference)).toBeLessThan(1e-5);
  });

  it('int8 stores int8 kernels behind per-channel DequantizeLinear and stays close to tfjs', async () => {
    const bytes = exportOnnxModel(TINY_SPEC, flat, 'int8');
    const model = onnx.ModelProto.decode(bytes);
    const dequantize = model.graph!.node!.filter((n) => n.opType === 'DequantizeLinear');
    expect(dequantize).toHaveLength(5);
    const int8 = model.graph!.initializer!.filter(
      (t) => t.dataType === onnx.TensorProto.DataType.INT8 && t.name!.endsWith('_quantized'),
    );
    expect(int8.reduce((sum, t) => sum + t.rawData!.length, 0)).toBe(flat.length - 8 - 16 - 4);
    const classifier = await loadOnnxClassifier(bytes, TINY_SPEC.inputShape);
    const outputs = await classifier.run(images, 8);
    await classifier.release();
    expect(maxAbsDiff(outputs, reference)).toBeLessThan(2e-2);
  });

  it('names a wrong input size', async () => {
    const classifier = await loadOnnxClassifier(exportOnnxModel(TINY_SPEC, flat, 'float32'), TINY_SPEC.inputShape);
    await expect(classifier.run(images.subarray(1), 8)).rejects.toThrow(/images has/);
    await classifier.release();
  });
});
