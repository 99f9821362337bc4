import { decodeLevelSum, fixedRangeLevels } from '@edgefl/quantization';

/**
 * Turns the exact integer sum of a secure round into what FedAvg needs. Each client sent
 * x = [levels of w_k * delta_k on the fixed grid [-range, range] at `bits` bits..., level of w_k
 * on the grid [0, 1] at `bits` bits] (docs/PROTOCOL.md, "Weighting"), so:
 * - elements 0..P-1 decode with decodeLevelSum to sum_k q(w_k * delta_k),
 * - element P times the [0, 1] grid step is sum_k q(w_k).
 * The coordinator never sees one client's weight or delta.
 *
 * @throws RangeError naming `sum` when it is too short, or an element exceeds what `survivors` clients can sum to.
 * @example
 * const { weightedSum, totalWeight } = decodeSecureSum(sum, survivors.length, 8, 0.5);
 * global = strategy.aggregateSum(global, weightedSum, totalWeight);
 */
export function decodeSecureSum(
  sum: Uint32Array,
  survivors: number,
  bits: number,
  range: number,
): { weightedSum: Float64Array; totalWeight: number } {
  if (!(sum instanceof Uint32Array) || sum.length < 2)
    throw new RangeError('sum must be a Uint32Array of at least 2 elements');
  const parameters = sum.length - 1;
  const weightedSum = Float64Array.from(decodeLevelSum(sum.subarray(0, parameters), survivors, bits, range));
  const weightLevels = sum[parameters];
  const weightGrid = weightGridStep(bits);
  if (weightLevels > survivors * (2 ** bits - 1))
    throw new RangeError(`sum[${parameters}] (the weight levels) exceeds ${survivors} clients' maximum`);
  return { weightedSum, totalWeight: weightLevels * weightGrid };
}

/**
 * The step of the weight grid [0, 1] at `bits` bits: the float32 at or just above 1 / (2^bits - 1),
 * the same step as the fixed grid of range 0.5 (span 1).
 *
 * @example
 * weightGridStep(8); // 0.003921568859368563
 */
export function weightGridStep(bits: number): number {
  return fixedRangeLevels(bits, 0.5).step;
}
