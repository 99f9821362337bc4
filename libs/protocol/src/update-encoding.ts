/**
 * How a client encodes its update in `update.payload`.
 * - `float32`: the tensor codec carrying one float32 tensor of shape [parameterCount] (the delta).
 * - `quantized`: the quantization codec (docs/QUANTIZATION.md) of the delta, stochastic rounding to
 *   `bits` bits with ranges per chunk of `chunkSize` values.
 */
export type UpdateEncoding =
  { kind: 'float32' } | { kind: 'quantized'; bits: number; chunkSize: number; errorFeedback: boolean };
