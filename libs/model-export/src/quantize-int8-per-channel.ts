/** Symmetric per-channel int8 weights: value = q * scales[channel], zero point 0. */
export interface Int8PerChannel {
  data: Int8Array;
  /** One scale per index of the quantized axis. */
  scales: Float32Array;
  /** The axis of `shape` the scales run along. */
  axis: number;
}

/**
 * Symmetric per-channel int8 quantization of a row-major tensor along `axis` (the scheme TFLite's
 * per-channel weights and ONNX's DequantizeLinear with `axis` use): q in [-127, 127], scale =
 * max|w| / 127 per channel (1 for an all-zero channel), so zeros stay exactly zero.
 *
 * @example
 * quantizeInt8PerChannel(new Float32Array([1, -2, 0.5, 4]), [2, 2], 1).scales; // [1/127, 4/127]
 */
export function quantizeInt8PerChannel(values: Float32Array, shape: number[], axis: number): Int8PerChannel {
  if (!Number.isInteger(axis) || axis < 0 || axis >= shape.length)
    throw new Error(`axis must index shape ${JSON.stringify(shape)}, got ${axis}`);
  const channels = shape[axis];
  const inner = shape.slice(axis + 1).reduce((p, d) => p * d, 1);
  const total = shape.reduce((p, d) => p * d, 1);
  if (total !== values.length)
    throw new Error(`values has ${values.length} entries but shape ${JSON.stringify(shape)} needs ${total}`);
  const channelOf = (i: number) => Math.floor(i / inner) % channels;
  const maxAbs = new Float64Array(channels);
  for (let i = 0; i < values.length; i++) {
    const a = Math.abs(values[i]);
    if (!Number.isFinite(a)) throw new Error('values must be finite to quantize');
    const c = channelOf(i);
    if (a > maxAbs[c]) maxAbs[c] = a;
  }
  const scales = new Float32Array(channels);
  for (let c = 0; c < channels; c++) scales[c] = maxAbs[c] > 0 ? maxAbs[c] / 127 : 1;
  const data = new Int8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    data[i] = Math.max(-127, Math.min(127, Math.round(values[i] / scales[channelOf(i)])));
  }
  return { data, scales, axis };
}
