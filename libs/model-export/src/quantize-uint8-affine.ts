/** A tensor quantized to uint8 as a tfjs weights manifest describes it: value = q * scale + min. */
export interface Uint8Affine {
  data: Uint8Array;
  min: number;
  scale: number;
}

const LEVELS = 255;

/** The smallest multiple of one unit in the `digits`-th significant digit of `x` that is >= x. */
function ceilToDigits(x: number, digits: number): number {
  const unit = 10 ** (Math.floor(Math.log10(x)) - digits + 1);
  return Number((Math.ceil(x / unit - 1e-9) * unit).toPrecision(digits));
}

/** JSON length of the pair as model.json writes it. */
function textLength(min: number, scale: number): number {
  return JSON.stringify(min).length + JSON.stringify(scale).length;
}

/**
 * Per-tensor affine uint8 quantization, the scheme of tfjs' weights-manifest entry
 * `quantization: {dtype: 'uint8', min, scale}` (dequantized on load as `q * scale + min`). The
 * range is widened to include 0 and nudged so that 0 is exactly representable (as the tfjs
 * converter does): pruned weights stay exactly zero after dequantization.
 *
 * The pair is chosen to be short in `model.json`: among scales of 3 or 4 significant digits at
 * most 1% above the tightest one, and zero points whose range still covers every value, the one
 * whose `min` (`-(zeroPoint * scale)` in double precision, what makes q = zeroPoint load as
 * exactly 0) and `scale` print shortest; ties go to the smallest scale. A step at most 1% larger
 * than the tightest costs nothing measurable; the pair then costs ~20 characters, not ~35.
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
  let best: { min: number; scale: number; zeroPoint: number } | undefined;
  if (hi > lo) {
    const tightest = (hi - lo) / LEVELS;
    const scales = new Set<number>([ceilToDigits(tightest, 3)]);
    const four = ceilToDigits(tightest, 4);
    const unit = 10 ** (Math.floor(Math.log10(four)) - 3);
    for (let k = 0; four + k * unit <= tightest * 1.01; k++) scales.add(Number((four + k * unit).toPrecision(4)));
    scales.add(four);
    for (const scale of scales) {
      if (scale > tightest * 1.01 && scale !== four) continue;
      const centre = Math.round(-lo / scale);
      for (const zeroPoint of [centre - 1, centre, centre + 1]) {
        if (zeroPoint < 0 || zeroPoint > LEVELS) continue;
        const min = zeroPoint === 0 ? 0 : -(zeroPoint * scale);
        // Covers [lo, hi] without clipping (within float32 rounding of the bounds).
        if (min > lo + 1e-12 || min + LEVELS * scale < hi - 1e-12) continue;
        if (
          best === undefined ||
          textLength(min, scale) < textLength(best.min, best.scale) ||
          (textLength(min, scale) === textLength(best.min, best.scale) && scale < best.scale)
        )
          best = { min, scale, zeroPoint };
      }
    }
  }
  const { min, scale } = best ?? { min: 0, scale: 1 };
  const data = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    data[i] = Math.min(LEVELS, Math.max(0, Math.round((values[i] - min) / scale)));
  }
  return { data, min, scale };
}
