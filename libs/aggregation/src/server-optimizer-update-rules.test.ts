import { createServerOptimizer } from './create-server-optimizer';
import { SERVER_OPTIMIZER_KINDS } from './server-optimizer';
import type { ServerOptimizerConfig } from './server-optimizer';

/**
 * Each server optimizer against its published update rule (Reddi et al. 2021, Algorithm 1 and 2;
 * Hsu et al. 2019 for FedAvgM), on vectors worked out by hand in the comments: two steps, so the
 * state carried between rounds is checked too.
 */
describe('server optimizers follow their published update rules', () => {
  const twoSteps = (config: ServerOptimizerConfig, global: number[], deltas: number[][]): number[][] => {
    const optimizer = createServerOptimizer(config);
    let w: Float32Array = Float32Array.from(global);
    const out: number[][] = [];
    for (const delta of deltas) {
      w = optimizer.step(w, Float32Array.from(delta));
      out.push(Array.from(w));
    }
    return out;
  };
  const expectClose = (actual: number[][], expected: number[][]): void => {
    expect(actual.length).toBe(expected.length);
    actual.forEach((row, i) => row.forEach((x, j) => expect(x).toBeCloseTo(expected[i][j], 6)));
  };

  it('FedAvg with a server learning rate: w + lr * Delta', () => {
    // lr 0.5: [1, 2] + 0.5 * [0.2, -0.4] = [1.1, 1.8]; then + 0.5 * [1, 1] = [1.6, 2.3].
    expectClose(
      twoSteps(
        { kind: 'fedavg', learningRate: 0.5 },
        [1, 2],
        [
          [0.2, -0.4],
          [1, 1],
        ],
      ),
      [
        [1.1, 1.8],
        [1.6, 2.3],
      ],
    );
  });

  it('FedAvgM: m = beta m + Delta; w + lr * m', () => {
    // lr 0.5, beta 0.9: m1 = 1, w1 = 0.5; m2 = 0.9 + 2 = 2.9, w2 = 0.5 + 1.45 = 1.95.
    expectClose(twoSteps({ kind: 'fedavgm', learningRate: 0.5, momentum: 0.9 }, [0], [[1], [2]]), [[0.5], [1.95]]);
  });

  // Common to the adaptive rules, lr 0.1, b1 0.9, tau 0.1 (v0 = tau^2 = 0.01), Delta = 0.5 twice:
  // m1 = 0.05, m2 = 0.9 * 0.05 + 0.05 = 0.095; w_t = w_{t-1} + 0.1 * m_t / (sqrt(v_t) + 0.1).
  it('FedAdam: v = b2 v + (1 - b2) Delta^2', () => {
    // v1 = 0.99 * 0.01 + 0.01 * 0.25 = 0.0124, w1 = 0.005 / (0.1113553 + 0.1) = 0.0236568
    // v2 = 0.99 * 0.0124 + 0.0025 = 0.014776, w2 = w1 + 0.0095 / (0.1215566 + 0.1) = 0.0665353
    expectClose(
      twoSteps({ kind: 'fedadam', learningRate: 0.1, beta1: 0.9, beta2: 0.99, epsilon: 0.1 }, [0], [[0.5], [0.5]]),
      [[0.0236568], [0.0665353]],
    );
  });

  it('FedYogi: v = v - (1 - b2) Delta^2 sign(v - Delta^2)', () => {
    // v0 = 0.01 < 0.25, so v grows by 0.0025 each step: v1 = 0.0125, w1 = 0.005 / (0.1118034 + 0.1) = 0.0236068
    // v2 = 0.015, w2 = w1 + 0.0095 / (0.1224745 + 0.1) = 0.0663083
    expectClose(
      twoSteps({ kind: 'fedyogi', learningRate: 0.1, beta1: 0.9, beta2: 0.99, epsilon: 0.1 }, [0], [[0.5], [0.5]]),
      [[0.0236068], [0.0663083]],
    );
    // v0 = tau^2 = 1 > Delta^2 = 0.25: Yogi shrinks v additively (1 - 0.0025 = 0.9975) where Adam
    // would take 0.99 + 0.0025 = 0.9925. w1 = 0.1 * 0.05 / (0.9987492 + 1) = 0.00250156,
    // against 0.005 / (0.9962429 + 1) = 0.00250470 for Adam
    expectClose(twoSteps({ kind: 'fedyogi', learningRate: 0.1, beta1: 0.9, beta2: 0.99, epsilon: 1 }, [0], [[0.5]]), [
      [0.00250156],
    ]);
    expectClose(twoSteps({ kind: 'fedadam', learningRate: 0.1, beta1: 0.9, beta2: 0.99, epsilon: 1 }, [0], [[0.5]]), [
      [0.0025047],
    ]);
  });

  it('FedAdagrad: v = v + Delta^2', () => {
    // v1 = 0.01 + 0.25 = 0.26, w1 = 0.005 / (0.5099020 + 0.1) = 0.0081980
    // v2 = 0.51, w2 = w1 + 0.0095 / (0.7141428 + 0.1) = 0.0198668
    expectClose(twoSteps({ kind: 'fedadagrad', learningRate: 0.1, beta1: 0.9, epsilon: 0.1 }, [0], [[0.5], [0.5]]), [
      [0.008198],
      [0.0198668],
    ]);
  });

  it("the adaptive optimizers keep the paper's defaults (lr 0.01, b1 0.9, b2 0.99, tau 1e-3) and every kind is constructible", () => {
    for (const kind of SERVER_OPTIMIZER_KINDS) expect(createServerOptimizer({ kind }).name).toBe(kind);
    // Default FedYogi on Delta = 1 from 0: m = 0.1, v = 1e-6 + 0.01 = 0.010001, w = 0.01 * 0.1 / (0.1000050 + 0.001) = 0.00990050
    expectClose(twoSteps({ kind: 'fedyogi' }, [0], [[1]]), [[0.0099005]]);
  });

  it('names a bad hyperparameter', () => {
    expect(() => createServerOptimizer({ kind: 'fedyogi', beta2: 1 })).toThrow(
      'beta2 must be a number in [0, 1), got 1',
    );
    expect(() => createServerOptimizer({ kind: 'fedadagrad', epsilon: 0 })).toThrow(
      'epsilon must be a number in (0, Infinity), got 0',
    );
  });
});
