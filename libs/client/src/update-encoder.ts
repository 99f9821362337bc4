import { encodeFloat32Vector } from '@edgefl/protocol';
import type { UpdateEncoding } from '@edgefl/protocol';
import { ErrorFeedback, dequantize, encodeQuantizedUpdate, stochasticQuantize } from '@edgefl/quantization';

/**
 * Encodes a client's deltas as its tasks ask, keeping the error-feedback residual across rounds
 * when the encoding wants it (the part quantization dropped is carried into the next round).
 */
export class UpdateEncoder {
  private feedback?: ErrorFeedback;

  encode(delta: Float32Array, encoding: UpdateEncoding, seed: number): Uint8Array {
    if (encoding.kind === 'float32') return encodeFloat32Vector(delta);
    const config = { bits: encoding.bits, clip: { kind: 'per-chunk' as const, chunkSize: encoding.chunkSize } };
    if (!encoding.errorFeedback) return encodeQuantizedUpdate(stochasticQuantize(delta, config, seed));
    if (this.feedback?.length !== delta.length) this.feedback = new ErrorFeedback(delta.length);
    const target = this.feedback.apply(delta);
    const quantized = stochasticQuantize(target, config, seed);
    this.feedback.record(target, dequantize(quantized));
    return encodeQuantizedUpdate(quantized);
  }
}
