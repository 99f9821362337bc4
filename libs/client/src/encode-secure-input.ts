import type { SecureRoundSetup } from '@edgefl/protocol';
import { fixedRangeLevels, quantizeOnGrid } from '@edgefl/quantization';
import type { RangeGrid } from '@edgefl/quantization';
import { deriveSeed } from '@edgefl/random';

/**
 * A client's SecAgg input x for one secure round (docs/PROTOCOL.md, "Weighting"):
 * w = min(numSamples, weightCap) / weightCap in (0, 1]; elements 0..P-1 are the levels of
 * w * delta, clipped to [-range, range] and stochastically rounded (unbiased) onto the round's
 * fixed grid at `bits` bits; element P is the level of w on the grid [0, 1] at `bits` bits.
 * Every element is below 2^bits, so n clients sum to less than 2^levelSumBits(bits, n) and the
 * coordinator decodes sum_k w_k * delta_k and sum_k w_k from the sum alone: no sample count is sent.
 *
 * @throws RangeError naming the bad argument (lengths, a non-positive sample count, non-finite deltas).
 * @example
 * const x = encodeSecureInput(delta, 600, task.secure, seed); // Uint32Array(P + 1), then session.maskInput(x, shares)
 */
export function encodeSecureInput(
  delta: Float32Array,
  numSamples: number,
  setup: Pick<SecureRoundSetup, 'bits' | 'range' | 'weightCap' | 'vectorLength'>,
  seed: number,
): Uint32Array {
  if (!(delta instanceof Float32Array)) throw new TypeError('delta must be a Float32Array');
  if (delta.length + 1 !== setup.vectorLength)
    throw new RangeError(
      `delta has ${delta.length} values, setup.vectorLength ${setup.vectorLength} needs ${setup.vectorLength - 1}`,
    );
  if (!Number.isSafeInteger(numSamples) || numSamples < 1)
    throw new RangeError(`numSamples must be a positive integer, got ${numSamples}`);
  if (!Number.isSafeInteger(setup.weightCap) || setup.weightCap < 1)
    throw new RangeError(`setup.weightCap must be a positive integer, got ${setup.weightCap}`);
  const weight = Math.fround(Math.min(numSamples, setup.weightCap) / setup.weightCap);
  const scaled = new Float32Array(delta.length);
  for (let i = 0; i < delta.length; i++) scaled[i] = weight * delta[i];
  const deltaGrid = fixedRangeLevels(setup.bits, setup.range);
  const levels = quantizeOnGrid(
    scaled,
    singleSegmentGrid(setup.bits, deltaGrid.offset, deltaGrid.step, delta.length),
    seed,
  ).levels;
  const weightLevel = quantizeOnGrid(
    Float32Array.of(weight),
    singleSegmentGrid(setup.bits, 0, secureWeightStep(setup.bits), 1),
    deriveSeed(seed, 'weight'),
  ).levels[0];
  const x = new Uint32Array(setup.vectorLength);
  x.set(levels);
  x[delta.length] = weightLevel;
  return x;
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

function singleSegmentGrid(bits: number, offset: number, step: number, length: number): RangeGrid {
  return {
    bits,
    offsets: Float32Array.of(offset),
    steps: Float32Array.of(step),
    segmentLengths: Uint32Array.of(length),
  };
}
