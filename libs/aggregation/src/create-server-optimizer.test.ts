import fc from 'fast-check';
import { createServerOptimizer } from './create-server-optimizer';
import type { ServerOptimizerConfig } from './server-optimizer';
import { float32Value } from './testing/arbitraries';

const pairOfVectors = fc.integer({ min: 0, max: 50 }).chain((n) =>
  fc.tuple(
    fc.array(float32Value, { minLength: n, maxLength: n }).map((v) => Float32Array.from(v)),
    fc.array(float32Value, { minLength: n, maxLength: n }).map((v) => Float32Array.from(v)),
  ),
);

describe('createServerOptimizer', () => {
  it('fedavg with lr = 1 gives global + mean delta (float32 add)', () => {
    fc.assert(
      fc.property(pairOfVectors, ([global, delta]) => {
        const next = createServerOptimizer({ kind: 'fedavg' }).step(global, delta);
        return next.every((x, i) => x === Math.fround(global[i] + delta[i]));
      }),
    );
  });

  it('fedavg scales the delta by the server learning rate', () => {
    const next = createServerOptimizer({ kind: 'fedavg', learningRate: 0.5 }).step(
      new Float32Array([1, 1]),
      new Float32Array([2, -4]),
    );
    expect(Array.from(next)).toEqual([2, -1]);
  });

  it('fedavgm accumulates momentum across steps', () => {
    const optimizer = createServerOptimizer({ kind: 'fedavgm', learningRate: 1, momentum: 0.5 });
    const first = optimizer.step(new Float32Array([0]), new Float32Array([1])); // m = 1
    const second = optimizer.step(first, new Float32Array([1])); // m = 1.5
    const third = optimizer.step(second, new Float32Array([0])); // m = 0.75
    expect([first[0], second[0], third[0]]).toEqual([1, 2.5, 3.25]);
  });

  it("fedavgm's default lr is 1 - momentum: a repeated delta moves the model as far per round as fedavg", () => {
    for (const momentum of [0.5, 0.9, 0.99]) {
      const optimizer = createServerOptimizer({ kind: 'fedavgm', momentum });
      expect(optimizer).toMatchObject({ learningRate: 1 - momentum });
      let w: Float32Array = new Float32Array([0]);
      let increment = 0;
      for (let round = 1; round <= 2_000; round++) {
        const next = optimizer.step(w, new Float32Array([0.001]));
        // Round n moves by (1 - beta^n) x the delta: the geometric sum of the momentum, scaled by 1 - beta.
        if (round === 1) expect(next[0]).toBeCloseTo((1 - momentum) * 0.001, 9);
        increment = next[0] - w[0];
        w = next;
      }
      expect(increment).toBeCloseTo(0.001, 6);
    }
    expect(createServerOptimizer({ kind: 'fedavgm' })).toMatchObject({ learningRate: 1 - 0.9, momentum: 0.9 });
  });

  it('fedavgm with momentum 0 is fedavg', () => {
    fc.assert(
      fc.property(pairOfVectors, ([global, delta]) => {
        const a = createServerOptimizer({ kind: 'fedavgm', momentum: 0, learningRate: 0.3 }).step(global, delta);
        const b = createServerOptimizer({ kind: 'fedavg', learningRate: 0.3 }).step(global, delta);
        return a.every((x, i) => x === b[i]);
      }),
    );
  });

  it('fedadam follows Reddi et al. Algorithm 2 on a fixed vector', () => {
    const optimizer = createServerOptimizer({
      kind: 'fedadam',
      learningRate: 0.1,
      beta1: 0.9,
      beta2: 0.99,
      epsilon: 1e-3,
    });
    const delta = new Float32Array([0.5, -2]);
    const first = optimizer.step(new Float32Array([0, 0]), delta);
    const second = optimizer.step(first, delta);
    const expected = (d: number): [number, number] => {
      let m = 0;
      let v = 1e-6;
      let w = 0;
      const out: number[] = [];
      for (let t = 0; t < 2; t++) {
        m = 0.9 * m + 0.1 * d;
        v = 0.99 * v + 0.01 * d * d;
        w = Math.fround(w + (0.1 * m) / (Math.sqrt(v) + 1e-3));
        out.push(w);
      }
      return [out[0], out[1]];
    };
    const [a0, a1] = expected(0.5);
    const [b0, b1] = expected(-2);
    expect(first[0]).toBeCloseTo(a0, 6);
    expect(first[1]).toBeCloseTo(b0, 6);
    expect(second[0]).toBeCloseTo(a1, 6);
    expect(second[1]).toBeCloseTo(b1, 6);
    // Adam-style steps follow the sign of the delta.
    expect(first[0]).toBeGreaterThan(0);
    expect(first[1]).toBeLessThan(0);
  });

  it('no optimizer mutates its inputs', () => {
    const configs: ServerOptimizerConfig[] = [{ kind: 'fedavg' }, { kind: 'fedavgm' }, { kind: 'fedadam' }];
    for (const config of configs) {
      const global = new Float32Array([1, 2, 3]);
      const delta = new Float32Array([0.1, 0.2, 0.3]);
      const optimizer = createServerOptimizer(config);
      expect(optimizer.name).toBe(config.kind);
      const next = optimizer.step(global, delta);
      expect(next).not.toBe(global);
      expect(Array.from(global)).toEqual([1, 2, 3]);
      expect(Array.from(delta)).toEqual([Math.fround(0.1), Math.fround(0.2), Math.fround(0.3)]);
    }
  });

  it('names bad configuration and bad step arguments', () => {
    expect(() => createServerOptimizer({ kind: 'sgd' } as unknown as ServerOptimizerConfig)).toThrow(/config\.kind/);
    expect(() => createServerOptimizer({ kind: 'fedavg', learningRate: 0 })).toThrow(/learningRate/);
    expect(() => createServerOptimizer({ kind: 'fedavgm', momentum: 1 })).toThrow(/momentum/);
    expect(() => createServerOptimizer({ kind: 'fedadam', beta2: -0.1 })).toThrow(/beta2/);
    expect(() => createServerOptimizer({ kind: 'fedadam', epsilon: 0 })).toThrow(/epsilon/);
    const optimizer = createServerOptimizer({ kind: 'fedavgm' });
    expect(() => optimizer.step(new Float32Array(2), new Float32Array(3))).toThrow(/meanDelta .*length mismatch/);
    expect(() => optimizer.step(new Float32Array([Number.NaN]), new Float32Array(1))).toThrow(/global must be finite/);
    expect(() => optimizer.step(new Float32Array(1), new Float32Array([Number.POSITIVE_INFINITY]))).toThrow(
      /meanDelta must be finite/,
    );
    optimizer.step(new Float32Array(2), new Float32Array(2));
    expect(() => optimizer.step(new Float32Array(3), new Float32Array(3))).toThrow(/state has length 2/);
  });
});
