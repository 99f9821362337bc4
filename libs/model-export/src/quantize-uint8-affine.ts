/** A tensor quantized to uint8 as a tfjs weights manifest describes it: value = q * scale + min. */
export interface Uint8Affine {
  data: Uint8Array;
  min: number;
  scale: number;
}

/**
 * Per-tensor affine uint8 quantization, the scheme of tfjs' weights-manifest entry
 * `quantization: {dtype: 'uint8', min, scale}` (dequantized on load as `q * scale + min`). The
 * range is widened to include 0 and nudged so that 0 is exactly representable (as the tfjs
 * converter does): pruned weights stay exactly zero after dequantization.
 *
 * @example
 * const { data, min, scale } = quantizeUint8Affine(new Float32Array([-1, 0, 1]));
 */
export function quantizeUint8Affine(values: Float32Array): Uint8Affine {
  let lo = 0;
  let hi = 0;
  for (const v of values) {
    if (!Number.isFinite(v)) throw new Error('values must be finite to quantize');
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const levels = 255;
  // Four significant digits keep model.json short; the range moves by at most 0.05%.
  let scale = Number(((hi - lo) / levels).toPrecision(4));
  let min = 0;
  if (scale === 0) {
    scale = 1;
  } else {
    const zeroPoint = Math.round(-lo / scale);
    // tfjs computes q * scale + min in double precision: with min = -(zeroPoint * scale) rounded
    // once, q = zeroPoint gives exactly 0.
    min = -(zeroPoint * scale);
  }
  const data = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    data[i] = Math.min(levels, Math.max(0, Math.round((values[i] - min) / scale)));
  }
  return { data, min, scale };
}
