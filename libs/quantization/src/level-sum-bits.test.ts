import fc from 'fast-check';
import { levelSumBits } from './level-sum-bits';

describe('levelSumBits', () => {
  it('gives the frozen widths', () => {
    expect(levelSumBits(1, 1)).toBe(1);
    expect(levelSumBits(8, 1)).toBe(8);
    expect(levelSumBits(8, 2)).toBe(9); // 510
    expect(levelSumBits(8, 100)).toBe(15); // 25,500
    expect(levelSumBits(16, 1024)).toBe(26);
  });

  it('is the fewest bits that hold clientCount * (2^bits - 1) (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 16 }), fc.integer({ min: 1, max: 1_000_000 }), (bits, clientCount) => {
        const highest = clientCount * (2 ** bits - 1);
        const width = levelSumBits(bits, clientCount);
        return highest < 2 ** width && highest >= 2 ** (width - 1);
      }),
    );
  });

  it('names bad arguments', () => {
    expect(() => levelSumBits(0, 1)).toThrow(/bits/);
    expect(() => levelSumBits(8, 0)).toThrow(/clientCount/);
  });
});
