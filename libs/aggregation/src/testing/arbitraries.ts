import fc from 'fast-check';
import type { WeightedUpdate } from '../weighted-update';

// Test-only generators shared by the property tests of this lib.

/** Float32 values in [-1e3, 1e3]. */
export const float32Value = fc.double({ min: -1e3, max: 1e3, noNaN: true }).map(Math.fround);

/** Sample counts as clients report them: positive integers, sometimes large. */
export const sampleCount = fc.integer({ min: 1, max: 100_000 });

/** A non-empty list of updates sharing one vector length. */
export const updateList: fc.Arbitrary<WeightedUpdate[]> = fc.integer({ min: 0, max: 40 }).chain((length) =>
  fc.array(
    fc.record({
      delta: fc.array(float32Value, { minLength: length, maxLength: length }).map((v) => Float32Array.from(v)),
      weight: sampleCount,
    }),
    { minLength: 1, maxLength: 12 },
  ),
);

/** True when `actual` matches `expected` to float32 precision (relative 1e-6, plus a floor for cancellation). */
export function closeToFloat32(actual: ArrayLike<number>, expected: ArrayLike<number>, scale = 1): boolean {
  if (actual.length !== expected.length) return false;
  for (let i = 0; i < actual.length; i++) {
    if (Math.abs(actual[i] - expected[i]) > 1e-6 * Math.abs(expected[i]) + 1e-9 * scale) return false;
  }
  return true;
}

/** `honest` deltas of one length plus `attackers` arbitrary ones (any float32, however large), with honest > attackers. */
export const honestAndAttackers: (
  maxAttackers: number,
  minHonestFactor?: number,
) => fc.Arbitrary<[Float32Array[], Float32Array[]]> = (maxAttackers: number, minHonestFactor = 2) =>
  fc.integer({ min: 1, max: 12 }).chain((length) =>
    fc.integer({ min: 0, max: maxAttackers }).chain((attackers) =>
      fc.tuple(
        fc.array(
          fc.array(float32Value, { minLength: length, maxLength: length }).map((v) => Float32Array.from(v)),
          {
            minLength: minHonestFactor * attackers + 1,
            maxLength: minHonestFactor * attackers + 4,
          },
        ),
        fc.array(
          fc
            .array(fc.float({ noNaN: true, noDefaultInfinity: true }), { minLength: length, maxLength: length })
            .map((v) => Float32Array.from(v)),
          {
            minLength: attackers,
            maxLength: attackers,
          },
        ),
      ),
    ),
  );
