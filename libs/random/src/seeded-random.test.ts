import fc from 'fast-check';
import { SeededRandom } from './seeded-random';

describe('SeededRandom', () => {
  it('repeats the same sequence for the same seed (frozen vector)', () => {
    const a = new SeededRandom(42);
    const b = new SeededRandom(42);
    const first = [a.nextUint32(), a.nextUint32(), a.nextUint32()];
    expect([b.nextUint32(), b.nextUint32(), b.nextUint32()]).toEqual(first);
    expect(first).toEqual(FROZEN_42);
  });

  it('gives floats in [0, 1) with a mean near 1/2', () => {
    const rng = new SeededRandom(7);
    let sum = 0;
    for (let i = 0; i < 20_000; i++) {
      const x = rng.nextFloat();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      sum += x;
    }
    expect(Math.abs(sum / 20_000 - 0.5)).toBeLessThan(0.01);
  });

  it('nextInt stays in range for any n', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer(), (n, seed) => {
        const x = new SeededRandom(seed).nextInt(n);
        return Number.isInteger(x) && x >= 0 && x < n;
      }),
    );
  });

  it('shuffle is a permutation', () => {
    const items = Array.from({ length: 100 }, (_, i) => i);
    const shuffled = new SeededRandom(1).shuffle([...items]);
    expect([...shuffled].sort((x, y) => x - y)).toEqual(items);
    expect(shuffled).not.toEqual(items);
  });

  it('names a bad argument', () => {
    expect(() => new SeededRandom(Number.NaN)).toThrow(/seed/);
    expect(() => new SeededRandom(1).nextInt(0)).toThrow(/n must be/);
  });
});

const FROZEN_42 = [2837322924, 544945897, 479756282];
