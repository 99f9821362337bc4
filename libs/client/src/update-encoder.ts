import { encodeFloat32Vector } from '@edgefl/protocol';
import type { UpdateEncoding } from '@edgefl/protocol';
import { UpdateQuantizer, encodeQuantizedUpdate, stochasticQuantize } from '@edgefl/quantization';

/**
 * Encodes a client's deltas as its tasks ask. With error feedback it keeps one quantizer
 * across rounds, so the part quantization dropped is carried into the next round.
 */
export class UpdateEncoder {
  private quantizer?: { key: string; quantizer: UpdateQuantizer };

  encode(delta: Float32Array, encoding: UpdateEncoding, seed: number): Uint8Array {
    if (encoding.kind === 'float32') return encodeFloat32Vector(delta);
    const config = {
      bits: encoding.bits,
      clip: { kind: 'per-chunk' as const, chunkSize: encoding.chunkSize },
      errorFeedback: encoding.errorFeedback,
    };
    if (!encoding.errorFeedback) return encodeQuantizedUpdate(stochasticQuantize(delta, config, seed));
    const key = `${encoding.bits}/${encoding.chunkSize}/${delta.length}`;
    if (this.quantizer?.key !== key) this.quantizer = { key, quantizer: new UpdateQuantizer(config, delta.length) };
    return encodeQuantizedUpdate(this.quantizer.quantizer.quantize(delta, seed));
  }
}
