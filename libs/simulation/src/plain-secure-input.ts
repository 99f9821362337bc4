import { fixedRangeLevels, quantizeOnGrid } from '@edgefl/quantization';
import type { RangeGrid } from '@edgefl/quantization';
import { deriveSeed } from '@edgefl/random';

/** What one client of a secure round trained and how it was seeded, as a test or bench knows it. */
export interface SecureClientRecord {
  clientId: string;
  delta: Float32Array;
  numSamples: number;
  /** The round's public seed (round-start). */
  roundSeed: number;
}

/**
 * The plain computation a secure round must reproduce, written from the quantization primitives
 * and the documented encoding (docs/PROTOCOL.md, "Weighting") without the client's or
 * coordinator's code: a client's integer vector x (levels of w*delta on [-c, c], then the level of
 * w on [0, 1]). Tests and benches sum these ({@link sumVectors}) to check a secure round's
 * unmasked sum exactly.
 *
 * @example
 * const x = plainSecureInput({ clientId, delta, numSamples: 8, roundSeed }, 8, 0.05, 1000);
 */
export function plainSecureInput(
  record: SecureClientRecord,
  bits: number,
  range: number,
  weightCap: number,
): Uint32Array {
  const seed = deriveSeed(record.roundSeed, 'secure-quantize', record.clientId);
  const weight = Math.fround(Math.min(record.numSamples, weightCap) / weightCap);
  const scaled = record.delta.map((value) => weight * value);
  const grid = fixedRangeLevels(bits, range);
  const deltaGrid: RangeGrid = {
    bits,
    offsets: Float32Array.of(grid.offset),
    steps: Float32Array.of(grid.step),
    segmentLengths: Uint32Array.of(scaled.length),
  };
  const weightGrid: RangeGrid = {
    bits,
    offsets: Float32Array.of(0),
    steps: Float32Array.of(fixedRangeLevels(bits, 0.5).step),
    segmentLengths: Uint32Array.of(1),
  };
  const x = new Uint32Array(scaled.length + 1);
  x.set(quantizeOnGrid(scaled, deltaGrid, seed).levels);
  x[scaled.length] = quantizeOnGrid(Float32Array.of(weight), weightGrid, deriveSeed(seed, 'weight')).levels[0];
  return x;
}

/** Element-wise sum of integer vectors of one length. */
export function sumVectors(vectors: readonly Uint32Array[]): Uint32Array {
  const sum = new Uint32Array(vectors[0].length);
  for (const vector of vectors) for (let i = 0; i < sum.length; i++) sum[i] += vector[i];
  return sum;
}
