import { Builder } from 'flatbuffers';
import {
  TFLITE_FILE_IDENTIFIER,
  writeBuffer,
  writeModel,
  writeOperator,
  writeOperatorCode,
  writeQuantization,
  writeSubGraph,
  writeTensor,
} from './tflite-schema';

/** A tensor of a TFLite graph before serialization; constants carry their bytes. */
export interface TensorDef {
  name: string;
  shape: number[];
  type: number;
  data?: Uint8Array;
  /** scale (one per index of `axis`, or one) and zero points (0 when absent). */
  quantization?: { scales: Float32Array; axis: number; zeroPoints?: number[] };
}

/** An operator of a TFLite graph: builtin code, its version, tensor indices and options. */
export interface OperatorDef {
  op: number;
  version?: number;
  inputs: number[];
  outputs: number[];
  /** Writes the builtin options table and returns [union type, offset]; [0, 0] for none. */
  options: (b: Builder) => [number, number];
}

/**
 * Serializes a one-subgraph TFLite model (schema v3, identifier "TFL3"): buffer 0 is the empty
 * sentinel, every constant tensor gets its own buffer, operator codes are deduplicated by
 * (code, version).
 *
 * @example
 * const bytes = serializeTfliteGraph(tensors, operators, [0], [tensors.length - 1]);
 */
export function serializeTfliteGraph(
  tensors: TensorDef[],
  operators: OperatorDef[],
  inputs: number[],
  outputs: number[],
): Uint8Array {
  const b = new Builder(1024);
  // Buffer 0 is the schema's always-empty sentinel; every constant tensor gets its own buffer.
  const buffers = [writeBuffer(b)];
  const bufferIndex = tensors.map((tensor) => {
    if (tensor.data === undefined) return 0;
    buffers.push(writeBuffer(b, tensor.data));
    return buffers.length - 1;
  });
  const tensorOffsets = tensors.map((tensor, i) => {
    const name = b.createString(tensor.name);
    const shape = intVector(b, tensor.shape);
    let quantization = 0;
    if (tensor.quantization !== undefined) {
      const { scales, axis, zeroPoints } = tensor.quantization;
      b.startVector(4, scales.length, 4);
      for (let k = scales.length - 1; k >= 0; k--) b.addFloat32(scales[k]);
      const scale = b.endVector();
      b.startVector(8, scales.length, 8);
      for (let k = scales.length - 1; k >= 0; k--) b.addInt64(BigInt(zeroPoints?.[k] ?? 0));
      const zeroPoint = b.endVector();
      quantization = writeQuantization(b, { scale, zeroPoint, quantizedDimension: axis });
    }
    return writeTensor(b, { shape, type: tensor.type, buffer: bufferIndex[i], name, quantization });
  });
  const codes: Array<{ op: number; version: number }> = [];
  const operatorOffsets = operators.map((op) => {
    const version = op.version ?? 1;
    let opcodeIndex = codes.findIndex((c) => c.op === op.op && c.version === version);
    if (opcodeIndex < 0) opcodeIndex = codes.push({ op: op.op, version }) - 1;
    const [optionsType, options] = op.options(b);
    return writeOperator(b, {
      opcodeIndex,
      inputs: intVector(b, op.inputs),
      outputs: intVector(b, op.outputs),
      optionsType,
      options,
    });
  });
  const subgraph = writeSubGraph(b, {
    tensors: offsetVector(b, tensorOffsets),
    inputs: intVector(b, inputs),
    outputs: intVector(b, outputs),
    operators: offsetVector(b, operatorOffsets),
    name: b.createString('main'),
  });
  const operatorCodes = offsetVector(
    b,
    codes.map((code) => writeOperatorCode(b, code.op, code.version)),
  );
  const model = writeModel(b, {
    operatorCodes,
    subgraphs: offsetVector(b, [subgraph]),
    description: b.createString('EdgeFL model-export'),
    buffers: offsetVector(b, buffers),
  });
  b.finish(model, TFLITE_FILE_IDENTIFIER);
  return b.asUint8Array().slice();
}

export function bytesOf(values: Float32Array): Uint8Array {
  const copy = values.slice();
  return new Uint8Array(copy.buffer);
}

function intVector(b: Builder, values: number[]): number {
  b.startVector(4, values.length, 4);
  for (let i = values.length - 1; i >= 0; i--) b.addInt32(values[i]);
  return b.endVector();
}

function offsetVector(b: Builder, offsets: number[]): number {
  b.startVector(4, offsets.length, 4);
  for (let i = offsets.length - 1; i >= 0; i--) b.addOffset(offsets[i]);
  return b.endVector();
}
