import type { Builder } from 'flatbuffers';

/**
 * The subset of the TFLite flatbuffer schema (tensorflow/lite/schema/schema.fbs, file identifier
 * "TFL3", schema version 3) the exporter writes. Field slots are the schema's field order (a
 * union takes two slots: its type, then its value); enum values are the schema's.
 */
export const TFLITE_FILE_IDENTIFIER = 'TFL3';
export const TFLITE_SCHEMA_VERSION = 3;

/** `enum TensorType : byte`. */
export const TensorType = { FLOAT32: 0, INT32: 2, INT8: 9 } as const;
/** `enum BuiltinOperator`. */
export const BuiltinOperator = {
  CONV_2D: 3,
  DEPTHWISE_CONV_2D: 4,
  FULLY_CONNECTED: 9,
  MAX_POOL_2D: 17,
  SOFTMAX: 25,
} as const;
/** `union BuiltinOptions` member indices (0 is NONE). */
export const BuiltinOptions = {
  Conv2DOptions: 1,
  DepthwiseConv2DOptions: 2,
  Pool2DOptions: 5,
  FullyConnectedOptions: 8,
  SoftmaxOptions: 9,
} as const;
/** `enum Padding : byte`. */
export const Padding = { SAME: 0, VALID: 1 } as const;
/** `enum ActivationFunctionType : byte`. */
export const Activation = { NONE: 0, RELU: 1 } as const;

/** table Model { version:uint; operator_codes; subgraphs; description:string; buffers }. */
export function writeModel(
  b: Builder,
  fields: { operatorCodes: number; subgraphs: number; description: number; buffers: number },
): number {
  b.startObject(5);
  b.addFieldInt32(0, TFLITE_SCHEMA_VERSION, 0);
  b.addFieldOffset(1, fields.operatorCodes, 0);
  b.addFieldOffset(2, fields.subgraphs, 0);
  b.addFieldOffset(3, fields.description, 0);
  b.addFieldOffset(4, fields.buffers, 0);
  return b.endObject();
}

/** table OperatorCode { deprecated_builtin_code:byte; custom_code:string; version:int = 1; builtin_code:int }. */
export function writeOperatorCode(b: Builder, code: number, version = 1): number {
  b.startObject(4);
  b.addFieldInt8(0, Math.min(code, 127), 0);
  b.addFieldInt32(2, version, 1);
  b.addFieldInt32(3, code, 0);
  return b.endObject();
}

/** table SubGraph { tensors; inputs:[int]; outputs:[int]; operators; name:string }. */
export function writeSubGraph(
  b: Builder,
  fields: { tensors: number; inputs: number; outputs: number; operators: number; name: number },
): number {
  b.startObject(5);
  b.addFieldOffset(0, fields.tensors, 0);
  b.addFieldOffset(1, fields.inputs, 0);
  b.addFieldOffset(2, fields.outputs, 0);
  b.addFieldOffset(3, fields.operators, 0);
  b.addFieldOffset(4, fields.name, 0);
  return b.endObject();
}

/** table Tensor { shape:[int]; type:TensorType; buffer:uint; name:string; quantization }. */
export function writeTensor(
  b: Builder,
  fields: { shape: number; type: number; buffer: number; name: number; quantization: number },
): number {
  b.startObject(5);
  b.addFieldOffset(0, fields.shape, 0);
  b.addFieldInt8(1, fields.type, -1);
  b.addFieldInt32(2, fields.buffer, 0);
  b.addFieldOffset(3, fields.name, 0);
  b.addFieldOffset(4, fields.quantization, 0);
  return b.endObject();
}

/** table QuantizationParameters { min; max; scale:[float]; zero_point:[long]; details (2 slots); quantized_dimension:int }. */
export function writeQuantization(
  b: Builder,
  fields: { scale: number; zeroPoint: number; quantizedDimension: number },
): number {
  b.startObject(7);
  b.addFieldOffset(2, fields.scale, 0);
  b.addFieldOffset(3, fields.zeroPoint, 0);
  b.addFieldInt32(6, fields.quantizedDimension, -1);
  return b.endObject();
}

/** table Operator { opcode_index:uint; inputs:[int]; outputs:[int]; builtin_options (2 slots) }. */
export function writeOperator(
  b: Builder,
  fields: { opcodeIndex: number; inputs: number; outputs: number; optionsType: number; options: number },
): number {
  b.startObject(5);
  b.addFieldInt32(0, fields.opcodeIndex, -1);
  b.addFieldOffset(1, fields.inputs, 0);
  b.addFieldOffset(2, fields.outputs, 0);
  b.addFieldInt8(3, fields.optionsType, -1);
  b.addFieldOffset(4, fields.options, 0);
  return b.endObject();
}

/** table Buffer { data:[ubyte] (force_align: 16) }; an empty table for buffer 0 and activations. */
export function writeBuffer(b: Builder, data?: Uint8Array): number {
  let vector = 0;
  if (data !== undefined && data.length > 0) {
    b.startVector(1, data.length, 16);
    for (let i = data.length - 1; i >= 0; i--) b.addInt8(data[i]);
    vector = b.endVector();
  }
  b.startObject(1);
  if (vector !== 0) b.addFieldOffset(0, vector, 0);
  return b.endObject();
}

/** table Conv2DOptions { padding; stride_w; stride_h; fused_activation_function; dilation_w = 1; dilation_h = 1 }. */
export function writeConv2DOptions(b: Builder, padding: number, stride: number, activation: number): number {
  b.startObject(6);
  b.addFieldInt8(0, padding, -1);
  b.addFieldInt32(1, stride, 0);
  b.addFieldInt32(2, stride, 0);
  b.addFieldInt8(3, activation, -1);
  return b.endObject();
}

/** table DepthwiseConv2DOptions { padding; stride_w; stride_h; depth_multiplier; fused_activation_function; ... }. */
export function writeDepthwiseConv2DOptions(
  b: Builder,
  padding: number,
  stride: number,
  depthMultiplier: number,
  activation: number,
): number {
  b.startObject(7);
  b.addFieldInt8(0, padding, -1);
  b.addFieldInt32(1, stride, 0);
  b.addFieldInt32(2, stride, 0);
  b.addFieldInt32(3, depthMultiplier, 0);
  b.addFieldInt8(4, activation, -1);
  return b.endObject();
}

/** table Pool2DOptions { padding; stride_w; stride_h; filter_width; filter_height; fused_activation_function }. */
export function writePool2DOptions(b: Builder, padding: number, stride: number, filter: number): number {
  b.startObject(6);
  b.addFieldInt8(0, padding, -1);
  b.addFieldInt32(1, stride, 0);
  b.addFieldInt32(2, stride, 0);
  b.addFieldInt32(3, filter, 0);
  b.addFieldInt32(4, filter, 0);
  b.addFieldInt8(5, Activation.NONE, -1);
  return b.endObject();
}

/** table FullyConnectedOptions { fused_activation_function; weights_format }. */
export function writeFullyConnectedOptions(b: Builder, activation: number): number {
  b.startObject(2);
  b.addFieldInt8(0, activation, -1);
  return b.endObject();
}

/** table SoftmaxOptions { beta:float }. */
export function writeSoftmaxOptions(b: Builder, beta: number): number {
  b.startObject(1);
  b.addFieldFloat32(0, beta, 0);
  return b.endObject();
}
