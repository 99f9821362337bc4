/** Weight encodings of the TFLite artifacts: float32, or per-channel int8 weights (hybrid kernels). */
export type TflitePrecision = 'float32' | 'int8';
