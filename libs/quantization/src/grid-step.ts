const scratchFloat = new Float32Array(1);
const scratchBits = new Uint32Array(scratchFloat.buffer);

/**
 * The smallest float32 step `s` with `s * maxLevel >= span`, so that `offset + s * maxLevel` reaches
 * the top of the range and the value `max` needs no clamping (clamping would bias it). Stored steps
 * are float32; computing levels against exactly the stored step keeps dequantization unbiased.
 * Returns Infinity when the span does not fit float32.
 *
 * @example
 * gridStep(2, 7); // 0.2857142984867096 (float32 at or just above 2/7)
 */
export function gridStep(span: number, maxLevel: number): number {
  if (span <= 0) return 0;
  const exact = span / maxLevel;
  let step = Math.fround(exact);
  if (step * maxLevel < span && Number.isFinite(step)) {
    scratchFloat[0] = step;
    scratchBits[0] += 1; // step is positive: the next bit pattern is the next float32 up
    step = scratchFloat[0];
  }
  return step;
}
