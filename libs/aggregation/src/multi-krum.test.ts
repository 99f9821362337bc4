import fc from 'fast-check';
import { multiKrum } from './multi-krum';

const vector = (...values: number[]): Float32Array => Float32Array.from(values);

describe('multiKrum', () => {
  it('drops the outlier of a fixed vector and averages the rest', () => {
    const deltas = [vector(1, 1), vector(1.1, 0.9), vector(0.9, 1.1), vector(1, 1.05), vector(1e30, -1e30)];
    const { mean, selected } = multiKrum(deltas, { byzantine: 1 });
    expect([...selected].sort()).toEqual([0, 1, 2, 3]);
    expect(Array.from(mean)).toEqual([Math.fround(1), Math.fround(4.05 / 4)]);
    expect(multiKrum(deltas, { byzantine: 1, select: 1 }).selected).toEqual([3]);
  });

  it('never selects f far-away attackers among n >= 2f + 3 tightly clustered honest deltas', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.double({ min: 10, max: 1e30, noNaN: true }),
        (f, length, seed, far) => {
          const honestCount = f + 3 + (seed % 3);
          const rng = fc.sample(fc.double({ min: -0.5, max: 0.5, noNaN: true }), {
            numRuns: honestCount * length,
            seed,
          });
          const honest = Array.from({ length: honestCount }, (_, k) =>
            Float32Array.from({ length }, (_, i) => 1 + rng[k * length + i]),
          );
          const attackers = Array.from({ length: f }, (_, k) =>
            new Float32Array(length).fill((k % 2 ? -far : far) * (k + 1)),
          );
          const { selected } = multiKrum([...honest, ...attackers], { byzantine: f });
          expect(selected.every((index) => index < honestCount)).toBe(true);
        },
      ),
    );
  });

  it('refuses too few deltas for the tolerated attackers, and a bad select', () => {
    expect(() => multiKrum([vector(1), vector(2), vector(3), vector(4)], { byzantine: 1 })).toThrow(
      'needs at least 5 deltas, got 4',
    );
    expect(() =>
      multiKrum([vector(1), vector(2), vector(3), vector(4), vector(5)], { byzantine: 1, select: 5 }),
    ).toThrow('options.select must be an integer in 1..4');
  });
});
