import type { NamedWeight } from './named-weight';

/** A weight tensor rearranged for an ONNX (NCHW, OIHW) initializer. */
export interface OnnxWeight {
  shape: number[];
  values: Float32Array;
}

/**
 * Depthwise kernel tfjs [kh, kw, c, 1] -> ONNX grouped-Conv weight [c, 1, kh, kw].
 *
 * @example
 * depthwiseToOihw(weight).shape; // [16, 1, 3, 3]
 */
export function depthwiseToOihw(weight: NamedWeight): OnnxWeight {
  const [kh, kw, channels, multiplier] = weight.shape;
  if (multiplier !== 1) throw new Error(`${weight.name}: depth multiplier must be 1, got ${multiplier}`);
  const values = new Float32Array(weight.values.length);
  for (let i = 0; i < kh; i++) {
    for (let j = 0; j < kw; j++) {
      for (let c = 0; c < channels; c++) values[(c * kh + i) * kw + j] = weight.values[(i * kw + j) * channels + c];
    }
  }
  return { shape: [channels, 1, kh, kw], values };
}

/**
 * Pointwise kernel tfjs [1, 1, cIn, cOut] -> ONNX Conv weight [cOut, cIn, 1, 1].
 *
 * @example
 * pointwiseToOihw(weight).shape; // [32, 16, 1, 1]
 */
export function pointwiseToOihw(weight: NamedWeight): OnnxWeight {
  const [, , cIn, cOut] = weight.shape;
  const values = new Float32Array(weight.values.length);
  for (let i = 0; i < cIn; i++) {
    for (let o = 0; o < cOut; o++) values[o * cIn + i] = weight.values[i * cOut + o];
  }
  return { shape: [cOut, cIn, 1, 1], values };
}
