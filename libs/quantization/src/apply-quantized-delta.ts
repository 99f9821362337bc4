import { decodeQuantizedUpdate } from './decode-quantized-update';
import { dequantize } from './dequantize';
import { QuantizationFormatError } from './quantization-format-error';
import { readQuantizedUpdateHeader } from './read-quantized-update-header';

/**
 * Rebuilds a model from a base and a quantized delta (the downlink of docs/PROTOCOL.md): decodes
 * `deltaBytes` (the quantized update encoding), checks it has one value per parameter, and returns
 * `fround(base[i] + fround(offset + step * level))`: the dequantized value rounded to float32, then
 * the sum taken in float64 and rounded to float32 again (both roundings are the rule, so every
 * implementation rebuilds the same bits). Throws a QuantizationFormatError for a malformed or
 * mis-sized delta.
 *
 * @example
 * const model = applyQuantizedDelta(heldModel, task.downlink.delta);
 */
export function applyQuantizedDelta(base: Float32Array, deltaBytes: Uint8Array): Float32Array {
  if (!(base instanceof Float32Array)) throw new TypeError('base must be a Float32Array');
  const header = readQuantizedUpdateHeader(deltaBytes);
  if (header.length !== base.length) {
    throw new QuantizationFormatError(
      'inconsistent',
      `the delta has ${header.length} values, the base model ${base.length}`,
    );
  }
  const delta = dequantize(decodeQuantizedUpdate(deltaBytes));
  const out = new Float32Array(base.length);
  for (let i = 0; i < base.length; i++) out[i] = base[i] + delta[i];
  return out;
}
