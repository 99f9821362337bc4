import { deriveSeed } from '@edgefl/random';
import { decodeLevelSum } from './decode-level-sum';
import { fixedRangeLevels } from './fixed-range-levels';
import { quantizeOnGrid } from './quantize-on-grid';
import type { RangeGrid } from './range-grid';

/**
 * The secure-round input format of docs/PROTOCOL.md, "Weighting", both ends of it: the client's
 * {@link encodeSecureInput}, the coordinator's {@link decodeSecureSum} of the unmasked sum, and the
 * weight grid step they share ({@link secureWeightStep}). Nothing else in EdgeFL writes or reads it.
 *
 * x = [levels of w * delta on the fixed grid [-range, range] at `bits` bits..., level of w on the
 * grid [0, 1] at `bits` bits], w = min(numSamples, weightCap) / weightCap in (0, 1]. Every element is
 * below 2^bits, so n clients sum to less than 2^levelSumBits(bits, n) and the coordinator decodes
 * sum_k w_k * delta_k and sum_k w_k from the sum alone: no sample count is sent.
 */

/** The round's public parameters the format depends on (the wire `SecureRoundSetup` has them all). */
export interface SecureInputParameters {
  /** b: bits per level, 1..16. */
  bits: number;
  /** c: deltas (times the weight) are clipped to [-c, c]. */
  range: number;
  /** Sample counts at or above it weigh 1. */
  weightCap: number;
  /** L = P + 1: the parameters and the weight element. */
  vectorLength: number;
}

/** What the coordinator needs for FedAvg: sum_k w_k * delta_k and sum_k w_k (both unbiased estimates). */
export interface DecodedSecureSum {
  weightedSum: Float64Array;
  totalWeight: number;
}

/**
 * A client's SecAgg input x for one secure round: elements 0..P-1 are the levels of w * delta,
 * clipped to [-range, range] and stochastically rounded (unbiased, `SeededRandom(seed)`) onto the
 * round's fixed grid; element P is the level of w on the weight grid (`deriveSeed(seed, 'weight')`).
 *
 * @throws RangeError naming the bad argument (lengths, a non-positive sample count, non-finite deltas).
 * @example
 * const x = encodeSecureInput(delta, 600, task.secure, seed); // Uint32Array(P + 1), then session.maskInput(x, shares)
 */
export function encodeSecureInput(
  delta: Float32Array,
  numSamples: number,
  parameters: SecureInputParameters,
  seed: number,
): Uint32Array {
  if (!(delta instanceof Float32Array)) throw new TypeError('delta must be a Float32Array');
  const { bits, range, weightCap, vectorLength } = parameters;
  if (delta.length + 1 !== vectorLength)
    throw new RangeError(
      `delta has ${delta.length} values, setup.vectorLength ${vectorLength} needs ${vectorLength - 1}`,
    );
  if (!Number.isSafeInteger(numSamples) || numSamples < 1)
    throw new RangeError(`numSamples must be a positive integer, got ${numSamples}`);
  if (!Number.isSafeInteger(weightCap) || weightCap < 1)
    throw new RangeError(`setup.weightCap must be a positive integer, got ${weightCap}`);
  const weight = Math.fround(Math.min(numSamples, weightCap) / weightCap);
  const scaled = new Float32Array(delta.length);
  for (let i = 0; i < delta.length; i++) scaled[i] = weight * delta[i];
  const deltaGrid = fixedRangeLevels(bits, range);
  const levels = quantizeOnGrid(scaled, oneSegment(bits, deltaGrid.offset, deltaGrid.step, delta.length), seed).levels;
  const weightGrid = oneSegment(bits, 0, secureWeightStep(bits), 1);
  const weightLevel = quantizeOnGrid(Float32Array.of(weight), weightGrid, deriveSeed(seed, 'weight')).levels[0];
  const x = new Uint32Array(vectorLength);
  x.set(levels);
  x[delta.length] = weightLevel;
  return x;
}

/**
 * Turns the exact integer sum of `survivors` clients' {@link encodeSecureInput} vectors into what
 * FedAvg needs: elements 0..P-1 decode with `decodeLevelSum` to sum_k q(w_k * delta_k), element P
 * times {@link secureWeightStep} is sum_k q(w_k). The coordinator never sees one client's weight or delta.
 *
 * @throws RangeError naming `sum` when it is too short, or an element exceeds what `survivors` clients can sum to.
 * @example
 * const { weightedSum, totalWeight } = decodeSecureSum(sum, survivors.length, 8, 0.5);
 * global = strategy.aggregateSum(global, weightedSum, totalWeight);
 */
export function decodeSecureSum(sum: Uint32Array, survivors: number, bits: number, range: number): DecodedSecureSum {
  if (!(sum instanceof Uint32Array) || sum.length < 2)
    throw new RangeError('sum must be a Uint32Array of at least 2 elements');
  const parameters = sum.length - 1;
  const weightedSum = Float64Array.from(decodeLevelSum(sum.subarray(0, parameters), survivors, bits, range));
  const weightLevels = sum[parameters];
  const weightStep = secureWeightStep(bits);
  if (weightLevels > survivors * (2 ** bits - 1))
    throw new RangeError(`sum[${parameters}] (the weight levels) exceeds ${survivors} clients' maximum`);
  return { weightedSum, totalWeight: weightLevels * weightStep };
}

/**
 * Step of the weight grid [0, 1] at `bits` bits: the float32 at or just above 1 / (2^bits - 1),
 * i.e. the step of the fixed grid of range 0.5 (span 1).
 *
 * @example
 * secureWeightStep(8); // 0.003921568859368563
 */
export function secureWeightStep(bits: number): number {
  return fixedRangeLevels(bits, 0.5).step;
}

function oneSegment(bits: number, offset: number, step: number, length: number): RangeGrid {
  return {
    bits,
    offsets: Float32Array.of(offset),
    steps: Float32Array.of(step),
    segmentLengths: Uint32Array.of(length),
  };
}
