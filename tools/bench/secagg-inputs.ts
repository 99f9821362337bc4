import { weightShapes } from '@edgefl/models';
import { DEFAULT_MODEL_SPEC } from '@edgefl/protocol';
import { encodeQuantizedUpdate, stochasticQuantize, type QuantizerConfig } from '@edgefl/quantization';
import { SeededRandom, deriveSeed } from '@edgefl/random';
import { timed } from './secagg-timed-round';

/** Bits per quantized level of the bench's updates. */
export const BITS = 8;
const FIXED_RANGE = 0.05;

/** P: the reference model's parameter count (DEFAULT_MODEL_SPEC). */
export const REFERENCE_PARAMETERS = weightShapes(DEFAULT_MODEL_SPEC)
  .map((shape) => shape.reduce((a, b) => a * b, 1))
  .reduce((a, b) => a + b, 0);

/** The client inputs x = [1, 8-bit fixed-range levels of a random update], by client id 1..n. */
export function makeInputs(n: number, parameters: number, runSeed: number): Map<number, Uint32Array> {
  const config: QuantizerConfig = { bits: BITS, clip: { kind: 'fixed', range: FIXED_RANGE } };
  const inputs = new Map<number, Uint32Array>();
  for (let id = 1; id <= n; id++) {
    const rng = new SeededRandom(deriveSeed(runSeed, 'update', id));
    const delta = Float32Array.from({ length: parameters }, () => 0.01 * rng.nextNormal());
    const { levels } = stochasticQuantize(delta, config, deriveSeed(runSeed, 'quantize', id));
    const x = new Uint32Array(parameters + 1);
    x[0] = 1;
    x.set(levels, 1);
    inputs.set(id, x);
  }
  return inputs;
}

/** The exact sum of the inputs of `ids` mod 2^m: what the unmasked sum must equal. */
export function exactSum(inputs: ReadonlyMap<number, Uint32Array>, ids: readonly number[], m: number): Uint32Array {
  const rows = ids.map((id) => {
    const x = inputs.get(id);
    if (x === undefined) throw new RangeError(`exactSum: no input for client ${id}`);
    return x;
  });
  const sum = new Uint32Array(rows[0]?.length ?? 0);
  for (const x of rows) {
    for (let i = 0; i < sum.length; i++) sum[i] += x[i];
  }
  const mask = 2 ** m - 1;
  for (let i = 0; i < sum.length; i++) sum[i] = (sum[i] & mask) >>> 0;
  return sum;
}

/** The plain upload the secure one is compared with. */
export interface Baseline {
  bytes: number;
  bytesPerParam: number;
  /** Median CPU ms of quantize + encode. */
  cpuMs: number;
}

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * The plain 8-bit quantized upload of docs/PROTOCOL.md section 10 (chunks of 1024 over the whole
 * delta): its bytes and the median CPU ms of quantize + encode over 41 runs after 20 warm-up runs.
 */
export function measureBaseline(parameters: number, runSeed: number): Baseline {
  const rng = new SeededRandom(deriveSeed(runSeed, 'baseline'));
  const delta = Float32Array.from({ length: parameters }, () => 0.01 * rng.nextNormal());
  const config: QuantizerConfig = { bits: BITS, clip: { kind: 'per-chunk', chunkSize: 1024 } };
  const bytes = encodeQuantizedUpdate(stochasticQuantize(delta, config, 1)).length;
  for (let i = 0; i < 20; i++) encodeQuantizedUpdate(stochasticQuantize(delta, config, i));
  const cpuMs = median(
    Array.from(
      { length: 41 },
      (_, i) => timed(() => encodeQuantizedUpdate(stochasticQuantize(delta, config, 100 + i))).cpuMs,
    ),
  );
  return { bytes, bytesPerParam: bytes / parameters, cpuMs };
}
