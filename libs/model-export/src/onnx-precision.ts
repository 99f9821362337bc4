/** Weight encodings of the ONNX artifacts: float32, or int8 weights behind DequantizeLinear. */
export type OnnxPrecision = 'float32' | 'int8';
