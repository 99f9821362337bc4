/**
 * Weight encodings of the TFLite artifacts: float32; `int8`, per-channel int8 weights with float
 * activations (hybrid kernels); `full-int8`, int8 weights and activations from calibration.
 */
export type TflitePrecision = 'float32' | 'int8' | 'full-int8';
