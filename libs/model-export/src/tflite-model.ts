import type { ModelSpec } from '@edgefl/protocol';
import { namedWeights } from './named-weight';
import { quantizeInt8PerChannel } from './quantize-int8-per-channel';
import { pointwiseToOihw } from './to-onnx-layout';
import { bytesOf, serializeTfliteGraph, type OperatorDef, type TensorDef } from './tflite-graph';
import type { TflitePrecision } from './tflite-precision';
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

/** Options of `exportTfliteModel`. */
export interface TfliteExportOptions {
  /** Fixed batch size of the input tensor (TFLite web runners cannot resize), default 1. */
  batch?: number;
}

/**
 * Exports the separable CNN `spec` with weights `flat` as a TFLite flatbuffer (schema v3, "TFL3")
 * written with the `flatbuffers` package: input [batch, H, W, C] float32; per block
 * DEPTHWISE_CONV_2D (SAME) -> CONV_2D 1x1 with the bias and fused RELU -> MAX_POOL_2D 2x2/2;
 * FULLY_CONNECTED (which flattens NHWC like tfjs) -> SOFTMAX. `int8` stores every filter as
 * symmetric per-channel int8 (zero point 0; quantized_dimension 3 for the depthwise filter
 * [1, kh, kw, C], 0 for the 1x1 conv filter; one scale for the dense filter, see below) with
 * float32 biases: TFLite runs them with its
 * hybrid kernels (float activations, int8 weights).
 *
 * @example
 * const bytes = exportTfliteModel(spec, flat, 'int8');
 */
export function exportTfliteModel(
  spec: ModelSpec,
  flat: Float32Array,
  precision: Exclude<TflitePrecision, 'full-int8'>,
  options: TfliteExportOptions = {},
): Uint8Array {
  const batch = options.batch ?? 1;
  if (!Number.isInteger(batch) || batch < 1) throw new Error(`options.batch must be an integer >= 1, got ${batch}`);
  const weights = namedWeights(spec, flat);
  const tensors: TensorDef[] = [];
  const operators: OperatorDef[] = [];
  const addTensor = (def: TensorDef) => tensors.push(def) - 1;
  /** `axis` null: one scale for the whole tensor. */
  const filter = (name: string, shape: number[], values: Float32Array, axis: number | null): number => {
    if (precision === 'float32') return addTensor({ name, shape, type: TensorType.FLOAT32, data: bytesOf(values) });
    const q =
      axis === null
        ? { ...quantizeInt8PerChannel(values, [1, values.length], 0), axis: 0 }
        : quantizeInt8PerChannel(values, shape, axis);
    return addTensor({
      name,
      shape,
      type: TensorType.INT8,
      data: new Uint8Array(q.data.buffer),
      quantization: { scales: q.scales, axis: q.axis },
    });
  };

  let [height, width, channels] = spec.inputShape;
  const input = addTensor({ name: 'images', shape: [batch, height, width, channels], type: TensorType.FLOAT32 });
  let x = input;
  spec.widths.forEach((filters, block) => {
    const [depthwise, pointwise, bias] = weights.slice(block * 3, block * 3 + 3);
    const [kh, kw] = depthwise.shape;
    // tfjs [kh, kw, C, 1] has the memory order of TFLite's [1, kh, kw, C].
    const dwFilter = filter(`block${block}_depthwise`, [1, kh, kw, channels], depthwise.values.slice(), 3);
    const dwBias = addTensor({
      name: `block${block}_depthwise_bias`,
      shape: [channels],
      type: TensorType.FLOAT32,
      data: bytesOf(new Float32Array(channels)),
    });
    const dwOut = addTensor({
      name: `block${block}_dw`,
      shape: [batch, height, width, channels],
      type: TensorType.FLOAT32,
    });
    operators.push({
      op: BuiltinOperator.DEPTHWISE_CONV_2D,
      inputs: [x, dwFilter, dwBias],
      outputs: [dwOut],
      options: (b) => [
        BuiltinOptions.DepthwiseConv2DOptions,
        writeDepthwiseConv2DOptions(b, Padding.SAME, 1, 1, Activation.NONE),
      ],
    });
    const pw = pointwiseToOihw(pointwise);
    const pwFilter = filter(`block${block}_pointwise`, [filters, 1, 1, channels], pw.values, 0);
    const pwBias = addTensor({
      name: `block${block}_bias`,
      shape: [filters],
      type: TensorType.FLOAT32,
      data: bytesOf(bias.values),
    });
    const pwOut = addTensor({
      name: `block${block}_relu`,
      shape: [batch, height, width, filters],
      type: TensorType.FLOAT32,
    });
    operators.push({
      op: BuiltinOperator.CONV_2D,
      inputs: [dwOut, pwFilter, pwBias],
      outputs: [pwOut],
      options: (b) => [BuiltinOptions.Conv2DOptions, writeConv2DOptions(b, Padding.VALID, 1, Activation.RELU)],
    });
    height = Math.floor(height / 2);
    width = Math.floor(width / 2);
    channels = filters;
    const pool = addTensor({
      name: `block${block}_pool`,
      shape: [batch, height, width, channels],
      type: TensorType.FLOAT32,
    });
    operators.push({
      op: BuiltinOperator.MAX_POOL_2D,
      inputs: [pwOut],
      outputs: [pool],
      options: (b) => [BuiltinOptions.Pool2DOptions, writePool2DOptions(b, Padding.VALID, 2, 2)],
    });
    x = pool;
  });
  const [denseKernel, denseBias] = weights.slice(-2);
  const [inputs, classes] = denseKernel.shape;
  const transposed = new Float32Array(denseKernel.values.length);
  for (let i = 0; i < inputs; i++) {
    for (let o = 0; o < classes; o++) transposed[o * inputs + i] = denseKernel.values[i * classes + o];
  }
  // Per-tensor: the interpreter's hybrid FULLY_CONNECTED (tfjs-tflite 0.0.1-alpha.10) applies only
  // the first scale of a per-channel filter (measured: accuracy fell to chance), so the dense
  // filter gets one scale.
  const fcWeights = filter('dense_kernel', [classes, inputs], transposed, null);
  const fcBias = addTensor({
    name: 'dense_bias',
    shape: [classes],
    type: TensorType.FLOAT32,
    data: bytesOf(denseBias.values),
  });
  const logits = addTensor({ name: 'logits', shape: [batch, classes], type: TensorType.FLOAT32 });
  operators.push({
    op: BuiltinOperator.FULLY_CONNECTED,
    inputs: [x, fcWeights, fcBias],
    outputs: [logits],
    options: (b) => [BuiltinOptions.FullyConnectedOptions, writeFullyConnectedOptions(b, Activation.NONE)],
  });
  const output = addTensor({ name: 'probabilities', shape: [batch, classes], type: TensorType.FLOAT32 });
  operators.push({
    op: BuiltinOperator.SOFTMAX,
    inputs: [logits],
    outputs: [output],
    options: (b) => [BuiltinOptions.SoftmaxOptions, writeSoftmaxOptions(b, 1)],
  });
  return serializeTfliteGraph(tensors, operators, [input], [output]);
}
