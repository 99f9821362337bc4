import { onnx } from 'onnx-proto';
import type { ModelSpec } from '@edgefl/protocol';
import { namedWeights } from './named-weight';
import type { OnnxPrecision } from './onnx-precision';
import { quantizeInt8PerChannel } from './quantize-int8-per-channel';
import { depthwiseToOihw, pointwiseToOihw, type OnnxWeight } from './to-onnx-layout';

/** ONNX opset the exporter targets (per-axis DequantizeLinear needs 13). */
export const ONNX_OPSET = 13;
/** Name of the graph input: images [batch, H, W, C] float32, NHWC as in tfjs. */
export const ONNX_INPUT_NAME = 'images';
/** Name of the graph output: class probabilities [batch, classes]. */
export const ONNX_OUTPUT_NAME = 'probabilities';

/**
 * Exports the separable CNN `spec` with weights `flat` as an ONNX ModelProto (opset 13, IR 8),
 * encoded with onnx-proto (protobufjs). Input NHWC like tfjs, transposed to NCHW once; each
 * separable block is a depthwise Conv (group = C, pads 1) then a 1x1 Conv with the bias, Relu,
 * MaxPool 2x2/2; the result is transposed back to NHWC before Flatten so the dense kernel keeps
 * the tfjs order; Gemm + Softmax. `int8` stores every kernel as int8 with per-output-channel
 * scales (zero point 0) behind a DequantizeLinear; biases stay float32.
 *
 * @example
 * const bytes = exportOnnxModel(spec, flat, 'int8');
 * const session = await ort.InferenceSession.create(bytes);
 */
export function exportOnnxModel(spec: ModelSpec, flat: Float32Array, precision: OnnxPrecision): Uint8Array {
  const weights = namedWeights(spec, flat);
  const nodes: onnx.INodeProto[] = [];
  const initializers: onnx.ITensorProto[] = [];
  const node = (opType: string, inputs: string[], output: string, attributes: onnx.IAttributeProto[] = []) => {
    nodes.push({ opType, input: inputs, output: [output], name: output, attribute: attributes });
    return output;
  };
  const kernel = (name: string, weight: OnnxWeight, axis: number): string => {
    if (precision === 'float32') {
      initializers.push(floatTensor(name, weight.shape, weight.values));
      return name;
    }
    const q = quantizeInt8PerChannel(weight.values, weight.shape, axis);
    initializers.push(
      {
        name: `${name}_quantized`,
        dims: weight.shape,
        dataType: onnx.TensorProto.DataType.INT8,
        rawData: new Uint8Array(q.data.buffer),
      },
      floatTensor(`${name}_scale`, [q.scales.length], q.scales),
      {
        name: `${name}_zero_point`,
        dims: [q.scales.length],
        dataType: onnx.TensorProto.DataType.INT8,
        rawData: new Uint8Array(q.scales.length),
      },
    );
    return node('DequantizeLinear', [`${name}_quantized`, `${name}_scale`, `${name}_zero_point`], name, [
      intAttribute('axis', axis),
    ]);
  };

  let x = node('Transpose', [ONNX_INPUT_NAME], 'nchw', [intsAttribute('perm', [0, 3, 1, 2])]);
  spec.widths.forEach((_, block) => {
    const [depthwise, pointwise, bias] = weights.slice(block * 3, block * 3 + 3);
    const dw = depthwiseToOihw(depthwise);
    const pw = pointwiseToOihw(pointwise);
    const dwName = kernel(`block${block}_depthwise`, dw, 0);
    const pwName = kernel(`block${block}_pointwise`, pw, 0);
    initializers.push(floatTensor(`block${block}_bias`, bias.shape, bias.values));
    x = node('Conv', [x, dwName], `block${block}_dw`, [
      intAttribute('group', dw.shape[0]),
      intsAttribute('kernel_shape', [dw.shape[2], dw.shape[3]]),
      intsAttribute('pads', [1, 1, 1, 1]),
    ]);
    x = node('Conv', [x, pwName, `block${block}_bias`], `block${block}_pw`, [intsAttribute('kernel_shape', [1, 1])]);
    x = node('Relu', [x], `block${block}_relu`);
    x = node('MaxPool', [x], `block${block}_pool`, [
      intsAttribute('kernel_shape', [2, 2]),
      intsAttribute('strides', [2, 2]),
    ]);
  });
  x = node('Transpose', [x], 'nhwc', [intsAttribute('perm', [0, 2, 3, 1])]);
  x = node('Flatten', [x], 'flat', [intAttribute('axis', 1)]);
  const [denseKernel, denseBias] = weights.slice(-2);
  const denseName = kernel('dense_kernel', { shape: denseKernel.shape, values: denseKernel.values.slice() }, 1);
  initializers.push(floatTensor('dense_bias', denseBias.shape, denseBias.values));
  x = node('Gemm', [x, denseName, 'dense_bias'], 'logits');
  node('Softmax', [x], ONNX_OUTPUT_NAME, [intAttribute('axis', 1)]);

  const [height, width, channels] = spec.inputShape;
  const model: onnx.IModelProto = {
    irVersion: 8,
    producerName: 'EdgeFL model-export',
    opsetImport: [{ domain: '', version: ONNX_OPSET }],
    graph: {
      name: 'separable_cnn',
      node: nodes,
      initializer: initializers,
      input: [valueInfo(ONNX_INPUT_NAME, ['batch', height, width, channels])],
      output: [valueInfo(ONNX_OUTPUT_NAME, ['batch', spec.classes])],
    },
  };
  return onnx.ModelProto.encode(onnx.ModelProto.create(model)).finish();
}

function floatTensor(name: string, dims: number[], values: Float32Array): onnx.ITensorProto {
  const copy = values.slice();
  return {
    name,
    dims,
    dataType: onnx.TensorProto.DataType.FLOAT,
    rawData: new Uint8Array(copy.buffer, copy.byteOffset, copy.byteLength),
  };
}

function intAttribute(name: string, value: number): onnx.IAttributeProto {
  return { name, type: onnx.AttributeProto.AttributeType.INT, i: value };
}

function intsAttribute(name: string, values: number[]): onnx.IAttributeProto {
  return { name, type: onnx.AttributeProto.AttributeType.INTS, ints: values };
}

function valueInfo(name: string, dims: Array<number | string>): onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: onnx.TensorProto.DataType.FLOAT,
        shape: { dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) },
      },
    },
  };
}
