import * as tf from '@tensorflow/tfjs-core';
// tfjs-core's gradients are registered by tfjs-layers' bundle (core's own list is ESM-only).
import '@tensorflow/tfjs-layers';
import { SeededRandom } from '@edgefl/random';
import { describeForBackends } from '../testing/describe-for-backends';
import { useBackend } from '../use-backend';

type Kind = 'conv2d' | 'depthwise';

interface GradientCase {
  kind: Kind;
  xShape: [number, number, number, number];
  filterShape: [number, number, number, number];
  stride: 1 | 2;
  pad: 'same' | 'valid';
}

/** Random shapes over strides (1, 2), paddings, depth multipliers (1, 2) and batch sizes 1..3. */
function gradientCases(): GradientCase[] {
  const rng = new SeededRandom(2024);
  const cases: GradientCase[] = [];
  for (const kind of ['conv2d', 'depthwise'] as const) {
    for (const stride of [1, 2] as const) {
      for (const pad of ['same', 'valid'] as const) {
        for (const multiplier of [1, 2]) {
          for (let repeat = 0; repeat < 2; repeat++) {
            const batch = 1 + rng.nextInt(3);
            const kernel = 1 + rng.nextInt(3);
            const height = kernel + rng.nextInt(6);
            const width = kernel + rng.nextInt(6);
            const channels = 1 + rng.nextInt(3);
            const outChannels = kind === 'depthwise' ? multiplier : multiplier + rng.nextInt(3);
            cases.push({
              kind,
              xShape: [batch, height, width, channels],
              filterShape: [kernel, kernel, channels, outChannels],
              stride,
              pad,
            });
          }
        }
      }
    }
  }
  return cases;
}

function randomValues(size: number, seed: number): Float32Array {
  const rng = new SeededRandom(seed);
  return Float32Array.from({ length: size }, () => rng.nextFloat() * 2 - 1);
}

/** dL/dx and dL/dfilter of sum(conv(x, filter) * weights) on the active backend. */
function convGradients(c: GradientCase, seed: number): [Float32Array, Float32Array] {
  return tf.tidy(() => {
    const x = tf.tensor4d(
      randomValues(
        c.xShape.reduce((a, b) => a * b),
        seed,
      ),
      c.xShape,
    );
    const filter = tf.tensor4d(
      randomValues(
        c.filterShape.reduce((a, b) => a * b),
        seed + 1,
      ),
      c.filterShape,
    );
    const loss = (input: tf.Tensor, kernel: tf.Tensor) => {
      const y =
        c.kind === 'conv2d'
          ? tf.conv2d(input as tf.Tensor4D, kernel as tf.Tensor4D, c.stride, c.pad)
          : tf.depthwiseConv2d(input as tf.Tensor4D, kernel as tf.Tensor4D, c.stride, c.pad);
      // Position-dependent weights, so that a gradient routed to the wrong place shows.
      return tf.sum(tf.mul(y, tf.tensor(randomValues(y.size, seed + 2), y.shape)));
    };
    const [dx, dfilter] = tf.grads(loss)([x, filter]);
    return [dx.dataSync() as Float32Array, dfilter.dataSync() as Float32Array];
  });
}

function relativeError(actual: Float32Array, expected: Float32Array): number {
  let worst = 0;
  let scale = 1e-6;
  for (let i = 0; i < expected.length; i++) {
    worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
    scale = Math.max(scale, Math.abs(expected[i]));
  }
  return worst / scale;
}

const CASES = gradientCases();
let reference: Array<[Float32Array, Float32Array]>;

beforeAll(async () => {
  await useBackend('cpu');
  reference = CASES.map((c, i) => convGradients(c, 100 * i));
});

describeForBackends(['wasm', 'cpu'], 'convolution gradients match the cpu kernels', () => {
  it.each(
    CASES.map(
      (c, i) =>
        [`${c.kind} x${JSON.stringify(c.xShape)} f${JSON.stringify(c.filterShape)} s${c.stride} ${c.pad}`, i] as const,
    ),
  )('%s', (_label, index) => {
    const [dx, dfilter] = convGradients(CASES[index], 100 * index);
    expect(dx).toHaveLength(reference[index][0].length);
    expect(dfilter).toHaveLength(reference[index][1].length);
    expect(relativeError(dx, reference[index][0])).toBeLessThanOrEqual(1e-4);
    expect(relativeError(dfilter, reference[index][1])).toBeLessThanOrEqual(1e-4);
  });

  it('leaves no tensors behind', () => {
    const before = tf.memory().numTensors;
    convGradients(CASES[0], 7);
    convGradients(CASES[CASES.length - 1], 7);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('registration', () => {
  it('registers only kernels wasm lacks and keeps cpu kernels native', async () => {
    const { registerComposedGradientKernels } = await import('./register-composed-gradient-kernels');
    const cpuFilterKernel = tf.getKernel('Conv2DBackpropFilter', 'cpu');
    expect(registerComposedGradientKernels('wasm')).toEqual([]); // already registered by useBackend('wasm')
    expect(registerComposedGradientKernels('cpu')).toEqual([]);
    expect(tf.getKernel('Conv2DBackpropFilter', 'cpu')).toBe(cpuFilterKernel);
    expect(tf.getKernel('DepthwiseConv2dNativeBackpropInput', 'wasm')).toBeDefined();
    expect(() => registerComposedGradientKernels('')).toThrow(/backendName/);
  });
});
