import type { ModelSpec } from '@edgefl/protocol';
import type { ActivationRange, ActivationRanges } from './calibrate-activations';
import { namedWeights } from './named-weight';
import { quantizeInt8PerChannel } from './quantize-int8-per-channel';
import { serializeTfliteGraph, type OperatorDef, type TensorDef } from './tflite-graph';
import {
  Activation,
  BuiltinOperator,
  BuiltinOptions,
  Padding,
  TensorType,
  writeConv2DOptions,
  writeDepthwiseConv2DOptions,
  writeFullyConnectedOptions,
  writePool2DOptions,
  writeSoftmaxOptions,
} from './tflite-schema';
import { pointwiseToOihw } from './to-onnx-layout';

/** Builtin codes the full-integer graph adds to the float one (schema.fbs). */
const QUANTIZE = 114;
const DEQUANTIZE = 6;

interface ActivationQuantization {
  scale: number;
  zeroPoint: number;
}

/**
 * Asymmetric int8 parameters of an activation range (widened to include 0):
 * scale = (max - min) / 255, zero point = round(-128 - min / scale).
 */
function activationQuantization(range: ActivationRange): ActivationQuantization {
  const min = Math.min(0, range.min);
  const max = Math.max(0, range.max);
  const scale = max > min ? Math.fround((max - min) / 255) : 1;
  const zeroPoint = Math.max(-128, Math.min(127, Math.round(-128 - min / scale)));
  return { scale, zeroPoint };
}

/**
 * Exports the separable CNN `(spec, flat)` as a full-integer TFLite model: int8 activations
 * with the ranges from `calibrateActivations` (post-training calibration), per-channel
 * symmetric int8 filters (per-tensor for the dense filter, as in the hybrid file), int32 biases
 * with scale input_scale x filter_scale, int8 SOFTMAX (output scale 1/256, zero point -128 as
 * TFLite requires), MAX_POOL_2D keeping its input's parameters. Input and output stay float32:
 * a QUANTIZE op enters the int8 graph, a DEQUANTIZE op leaves it. Batch fixed to `batch`.
 *
 * @example
 * const ranges = calibrateActivations(spec, flat, images, 256);
 * const bytes = exportTfliteFullInt8Model(spec, flat, ranges);
 */
export function exportTfliteFullInt8Model(
  spec: ModelSpec,
  flat: Float32Array,
  ranges: ActivationRanges,
  batch = 1,
): Uint8Array {
  if (!Number.isInteger(batch) || batch < 1) throw new Error(`batch must be an integer >= 1, got ${batch}`);
  if (ranges.blocks.length !== spec.widths.length)
    throw new Error(`ranges has ${ranges.blocks.length} blocks, the spec ${spec.widths.length}`);
  const weights = namedWeights(spec, flat);
  const tensors: TensorDef[] = [];
  const operators: OperatorDef[] = [];
  const addTensor = (def: TensorDef) => tensors.push(def) - 1;
  const activation = (name: string, shape: number[], q: ActivationQuantization) =>
    addTensor({
      name,
      shape,
      type: TensorType.INT8,
      quantization: { scales: Float32Array.of(q.scale), axis: 0, zeroPoints: [q.zeroPoint] },
    });
  /** int8 filter and its int32 bias (scale input x filter per channel). */
  const filterAndBias = (
    name: string,
    shape: number[],
    values: Float32Array,
    axis: number | null,
    bias: Float32Array,
    inputScale: number,
  ) => {
    const q =
      axis === null
        ? { ...quantizeInt8PerChannel(values, [1, values.length], 0), axis: 0 }
        : quantizeInt8PerChannel(values, shape, axis);
    const filter = addTensor({
      name,
      shape,
      type: TensorType.INT8,
      data: new Uint8Array(q.data.buffer),
      quantization: { scales: q.scales, axis: q.axis },
    });
    const biasScales = Float32Array.from(bias, (_, i) =>
      Math.fround(inputScale * q.scales[q.scales.length === 1 ? 0 : i]),
    );
    const biasCodes = Int32Array.from(bias, (v, i) => Math.round(v / biasScales[i]));
    const biasTensor = addTensor({
      name: `${name}_bias`,
      shape: [bias.length],
      type: TensorType.INT32,
      data: new Uint8Array(biasCodes.buffer),
      quantization: { scales: q.scales.length === 1 ? biasScales.subarray(0, 1) : biasScales, axis: 0 },
    });
    return { filter, bias: biasTensor };
  };

  let [height, width, channels] = spec.inputShape;
  const input = addTensor({ name: 'images', shape: [batch, height, width, channels], type: TensorType.FLOAT32 });
  let xq = activationQuantization(ranges.input);
  let x = activation('images_int8', [batch, height, width, channels], xq);
  operators.push({ op: QUANTIZE, version: 2, inputs: [input], outputs: [x], options: () => [0, 0] });
  spec.widths.forEach((filters, block) => {
    const [depthwise, pointwise, bias] = weights.slice(block * 3, block * 3 + 3);
    const [kh, kw] = depthwise.shape;
    const dwq = activationQuantization(ranges.blocks[block].depthwise);
    const dw = filterAndBias(
      `block${block}_depthwise`,
      [1, kh, kw, channels],
      depthwise.values.slice(),
      3,
      new Float32Array(channels),
      xq.scale,
    );
    const dwOut = activation(`block${block}_dw`, [batch, height, width, channels], dwq);
    operators.push({
      op: BuiltinOperator.DEPTHWISE_CONV_2D,
      version: 3,
      inputs: [x, dw.filter, dw.bias],
      outputs: [dwOut],
      options: (b) => [
        BuiltinOptions.DepthwiseConv2DOptions,
        writeDepthwiseConv2DOptions(b, Padding.SAME, 1, 1, Activation.NONE),
      ],
    });
    const reluq = activationQuantization(ranges.blocks[block].relu);
    const pw = filterAndBias(
      `block${block}_pointwise`,
      [filters, 1, 1, channels],
      pointwiseToOihw(pointwise).values,
      0,
      bias.values,
      dwq.scale,
    );
    const reluOut = activation(`block${block}_relu`, [batch, height, width, filters], reluq);
    operators.push({
      op: BuiltinOperator.CONV_2D,
      version: 3,
      inputs: [dwOut, pw.filter, pw.bias],
      outputs: [reluOut],
      options: (b) => [BuiltinOptions.Conv2DOptions, writeConv2DOptions(b, Padding.VALID, 1, Activation.RELU)],
    });
    height = Math.floor(height / 2);
    width = Math.floor(width / 2);
    channels = filters;
    // MAX_POOL_2D int8 keeps its input's scale and zero point.
    const pool = activation(`block${block}_pool`, [batch, height, width, channels], reluq);
    operators.push({
      op: BuiltinOperator.MAX_POOL_2D,
      version: 2,
      inputs: [reluOut],
      outputs: [pool],
      options: (b) => [BuiltinOptions.Pool2DOptions, writePool2DOptions(b, Padding.VALID, 2, 2)],
    });
    x = pool;
    xq = reluq;
  });
  const [denseKernel, denseBias] = weights.slice(-2);
  const [inputs, classes] = denseKernel.shape;
  const transposed = new Float32Array(denseKernel.values.length);
  for (let i = 0; i < inputs; i++) {
    for (let o = 0; o < classes; o++) transposed[o * inputs + i] = denseKernel.values[i * classes + o];
  }
  const fc = filterAndBias('dense_kernel', [classes, inputs], transposed, null, denseBias.values, xq.scale);
  const logits = activation('logits', [batch, classes], activationQuantization(ranges.logits));
  operators.push({
    op: BuiltinOperator.FULLY_CONNECTED,
    version: 4,
    inputs: [x, fc.filter, fc.bias],
    outputs: [logits],
    options: (b) => [BuiltinOptions.FullyConnectedOptions, writeFullyConnectedOptions(b, Activation.NONE)],
  });
  const probabilitiesInt8 = activation('probabilities_int8', [batch, classes], { scale: 1 / 256, zeroPoint: -128 });
  operators.push({
    op: BuiltinOperator.SOFTMAX,
    version: 2,
    inputs: [logits],
    outputs: [probabilitiesInt8],
    options: (b) => [BuiltinOptions.SoftmaxOptions, writeSoftmaxOptions(b, 1)],
  });
  const output = addTensor({ name: 'probabilities', shape: [batch, classes], type: TensorType.FLOAT32 });
  operators.push({ op: DEQUANTIZE, version: 2, inputs: [probabilitiesInt8], outputs: [output], options: () => [0, 0] });
  return serializeTfliteGraph(tensors, operators, [input], [output]);
}
