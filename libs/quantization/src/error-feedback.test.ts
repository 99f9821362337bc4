import { SeededRandom } from '@edgefl/random';
import { dequantize } from './dequantize';
import { ErrorFeedback } from './error-feedback';
import type { QuantizerConfig } from './quantizer-config';
import { UpdateQuantizer } from './update-quantizer';

describe('ErrorFeedback', () => {
  it('adds the recorded residual to the next delta and forgets it on reset', () => {
    const feedback = new ErrorFeedback(3);
    const target = feedback.apply(Float32Array.of(1, 2, 3));
    expect(Array.from(target)).toEqual([1, 2, 3]);
    feedback.record(target, Float32Array.of(0.5, 2, 4));
    expect(Array.from(feedback.residual)).toEqual([0.5, 0, -1]);
    expect(Array.from(feedback.apply(Float32Array.of(1, 1, 1)))).toEqual([1.5, 1, 0]);
    feedback.reset();
    expect(Array.from(feedback.apply(Float32Array.of(1, 1, 1)))).toEqual([1, 1, 1]);
  });

  it('names bad arguments', () => {
    expect(() => new ErrorFeedback(-1)).toThrow(/length must be/);
    const feedback = new ErrorFeedback(2);
    expect(() => feedback.apply(Float32Array.of(1))).toThrow(/delta has length 1/);
    expect(() => feedback.record(Float32Array.of(1, 2), [1, 2] as unknown as Float32Array)).toThrow(
      /sent must be a Float32Array/,
    );
  });
});

describe('UpdateQuantizer with error feedback', () => {
  const LENGTH = 200;
  const ROUNDS = 300;

  /** Runs ROUNDS rounds of drifting updates; returns the largest |sum of sent - sum of true| and the largest step seen. */
  function track(config: QuantizerConfig): { deviation: number; largestStep: number } {
    const rng = new SeededRandom(11);
    const quantizer = new UpdateQuantizer(config, LENGTH);
    const trueSum = new Float64Array(LENGTH);
    const sentSum = new Float64Array(LENGTH);
    let largestStep = 0;
    for (let round = 0; round < ROUNDS; round++) {
      // a persistent per-element drift (as in a gradient) plus noise
      const delta = Float32Array.from({ length: LENGTH }, (_, i) => 0.002 * ((i % 9) - 4) + 0.01 * rng.nextNormal());
      const q = quantizer.quantize(delta, round, [120, 80]);
      dequantize(q).forEach((sent, i) => (sentSum[i] += sent));
      delta.forEach((d, i) => (trueSum[i] += d));
      q.steps.forEach((step) => (largestStep = Math.max(largestStep, step)));
    }
    let deviation = 0;
    for (let i = 0; i < LENGTH; i++) deviation = Math.max(deviation, Math.abs(sentSum[i] - trueSum[i]));
    return { deviation, largestStep };
  }

  const configs: QuantizerConfig[] = [
    { bits: 1, clip: { kind: 'per-tensor' } },
    { bits: 2, clip: { kind: 'per-tensor' } },
    { bits: 1, clip: { kind: 'per-chunk', chunkSize: 32 } },
    { bits: 2, clip: { kind: 'per-chunk', chunkSize: 32 } },
    { bits: 1, clip: { kind: 'fixed', range: 0.1 } },
    { bits: 2, clip: { kind: 'fixed', range: 0.1 } },
  ];

  it.each(configs)(
    'keeps the accumulated sent sum within about a step of the true sum over 300 rounds: %o',
    (config) => {
      const withFeedback = track({ ...config, errorFeedback: true });
      const without = track({ ...config, errorFeedback: false });
      // the gap is the current residual: bounded by the grid, not a random walk growing with sqrt(rounds)
      expect(withFeedback.deviation).toBeLessThanOrEqual(1.5 * withFeedback.largestStep);
      expect(withFeedback.deviation * 5).toBeLessThan(without.deviation);
    },
  );

  it('without error feedback is plain stochasticQuantize and reset clears the residual', () => {
    const config: QuantizerConfig = { bits: 2, clip: { kind: 'per-tensor' }, errorFeedback: true };
    const quantizer = new UpdateQuantizer(config, 3);
    const delta = Float32Array.of(0.1, -0.2, 0.3);
    const first = quantizer.quantize(delta, 5);
    quantizer.quantize(delta, 6);
    quantizer.reset();
    expect(quantizer.quantize(delta, 5)).toEqual(first);
    expect(() => quantizer.quantize(Float32Array.of(1), 1)).toThrow(/delta has length 1, expected 3/);
    expect(() => new UpdateQuantizer({ bits: 0, clip: { kind: 'per-tensor' } }, 3)).toThrow(/config\.bits/);
  });
});
