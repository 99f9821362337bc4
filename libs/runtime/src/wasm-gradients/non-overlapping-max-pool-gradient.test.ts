import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers';
import { SeededRandom } from '@edgefl/random';
import { describeForBackends } from '../testing/describe-for-backends';
import { useBackend } from '../use-backend';

interface PoolCase {
  name: string;
  xShape: [number, number, number, number];
  window: number;
  stride: number;
  /** 'ties': relu'd values plus constant blocks, so windows have several equal maxima. */
  values: 'ties' | 'positive';
}

const CASES: PoolCase[] = [
  { name: '2x2 (reference pool) with ties', xShape: [3, 8, 6, 4], window: 2, stride: 2, values: 'ties' },
  { name: '3x3 stride 3 with ties', xShape: [2, 9, 6, 2], window: 3, stride: 3, values: 'ties' },
  { name: '2x2 batch 1, one channel', xShape: [1, 4, 4, 1], window: 2, stride: 2, values: 'ties' },
  {
    name: 'overlapping 3x3 stride 2 (original gradient)',
    xShape: [2, 7, 7, 3],
    window: 3,
    stride: 2,
    values: 'positive',
  },
  { name: 'odd size 2x2 (original gradient)', xShape: [2, 5, 5, 2], window: 2, stride: 2, values: 'positive' },
];

function inputValues(c: PoolCase, seed: number): Float32Array {
  const rng = new SeededRandom(seed);
  const size = c.xShape.reduce((a, b) => a * b);
  if (c.values === 'positive') return Float32Array.from({ length: size }, () => 0.1 + rng.nextFloat());
  // Half zeros (relu), and a constant positive run: ties at 0 and above 0.
  return Float32Array.from({ length: size }, (_, i) => (i < size / 4 ? 0.5 : Math.max(0, rng.nextFloat() * 2 - 1)));
}

function poolGradient(c: PoolCase, seed: number): Float32Array {
  return tf.tidy(() => {
    const x = tf.tensor4d(inputValues(c, seed), c.xShape);
    const loss = (input: tf.Tensor) => {
      const y = tf.maxPool(input as tf.Tensor4D, c.window, c.stride, 'valid');
      const rng = new SeededRandom(seed + 1);
      return tf.sum(
        tf.mul(
          y,
          tf.tensor(
            Float32Array.from({ length: y.size }, () => rng.nextFloat() * 2 - 1),
            y.shape,
          ),
        ),
      );
    };
    return tf.grad(loss)(x).dataSync() as Float32Array;
  });
}

let reference: Float32Array[];
beforeAll(async () => {
  await useBackend('cpu');
  reference = CASES.map((c, i) => poolGradient(c, 10 * i));
});

describeForBackends(['wasm', 'cpu'], 'max pool gradient matches the cpu kernel (first maximum wins)', () => {
  it.each(CASES.map((c, i) => [c.name, i] as const))('%s', (_name, index) => {
    // Exact equality; v + 0 folds -0 (0 * negative dy) into 0.
    const plusZero = (values: Float32Array) => Array.from(values, (v) => v + 0);
    expect(plusZero(poolGradient(CASES[index], 10 * index))).toEqual(plusZero(reference[index]));
  });

  it('leaves no tensors behind', () => {
    const before = tf.memory().numTensors;
    poolGradient(CASES[0], 3);
    expect(tf.memory().numTensors).toBe(before);
  });
});
