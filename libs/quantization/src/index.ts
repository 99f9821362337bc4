export type { ClipMode } from './clip-mode';
export { MAX_QUANTIZER_BITS, type QuantizerConfig } from './quantizer-config';
export type { QuantizedUpdate } from './quantized-update';
export { QuantizationFormatError, type QuantizationFormatErrorReason } from './quantization-format-error';
export { stochasticQuantize } from './stochastic-quantize';
export type { RangeGrid } from './range-grid';
export { fitRangeGrid } from './fit-range-grid';
export { quantizeOnGrid } from './quantize-on-grid';
export { dequantize } from './dequantize';
export { packBits, packBitsInto } from './pack-bits';
export { unpackBits, unpackBitsInto } from './unpack-bits';
export { packedByteLength } from './packed-byte-length';
export {
  QUANTIZED_UPDATE_HEADER_BYTES,
  QUANTIZED_UPDATE_SEGMENT_BYTES,
  QUANTIZED_UPDATE_VERSION,
} from './quantized-update-format';
export { encodeQuantizedUpdate } from './encode-quantized-update';
export { decodeQuantizedUpdate } from './decode-quantized-update';
export { readQuantizedUpdateHeader, type QuantizedUpdateHeader } from './read-quantized-update-header';
export { ErrorFeedback } from './error-feedback';
export { UpdateQuantizer } from './update-quantizer';
export { fixedRangeLevels, type FixedRangeLevels } from './fixed-range-levels';
export { decodeLevelSum } from './decode-level-sum';
export { levelSumBits } from './level-sum-bits';
export { applyQuantizedDelta } from './apply-quantized-delta';
export { encodeSecureInput, decodeSecureSum, secureWeightStep } from './secure-input-codec';
export type { SecureInputParameters, DecodedSecureSum } from './secure-input-codec';
