import fc from 'fast-check';
import { coordinateMedian } from './coordinate-median';
import { honestAndAttackers } from './testing/arbitraries';

describe('coordinateMedian', () => {
  it('matches fixed vectors (odd and even counts)', () => {
    expect(
      Array.from(coordinateMedian([new Float32Array([1, 5]), new Float32Array([2, -1]), new Float32Array([1e30, 0])])),
    ).toEqual([2, 0]);
    expect(
      Array.from(
        coordinateMedian([new Float32Array([1]), new Float32Array([4]), new Float32Array([2]), new Float32Array([3])]),
      ),
    ).toEqual([2.5]);
  });

  it('stays within the honest range of every coordinate when attackers are a minority', () => {
    fc.assert(
      fc.property(honestAndAttackers(4), ([honest, attackers]) => {
        const median = coordinateMedian([...attackers, ...honest]);
        median.forEach((value, i) => {
          const column = honest.map((delta) => delta[i]);
          expect(value).toBeGreaterThanOrEqual(Math.min(...column));
          expect(value).toBeLessThanOrEqual(Math.max(...column));
        });
      }),
    );
  });

  it('does not depend on the order of the deltas', () => {
    fc.assert(
      fc.property(
        honestAndAttackers(2).chain(([h, a]) =>
          fc.tuple(fc.constant([...h, ...a]), fc.shuffledSubarray([...h, ...a], { minLength: h.length + a.length })),
        ),
        ([deltas, shuffled]) => {
          expect(coordinateMedian(shuffled)).toEqual(coordinateMedian(deltas));
        },
      ),
    );
  });

  it('names a bad input', () => {
    expect(() => coordinateMedian([])).toThrow('deltas must be a non-empty array');
    expect(() => coordinateMedian([new Float32Array(2), new Float32Array(3)])).toThrow(
      'deltas[1] has length 3, expected 2',
    );
  });
});
