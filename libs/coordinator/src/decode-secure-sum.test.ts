import { decodeSecureSum } from './decode-secure-sum';

describe('decodeSecureSum', () => {
  const bits = 8;
  const range = 0.5;
  const top = 2 ** bits - 1;

  it('decodes two clients of full weight at the edges of the grid', () => {
    // Client 1: w = 1, w delta = +range (level 255); client 2: w = 1, w delta = -range (level 0).
    const { weightedSum, totalWeight } = decodeSecureSum(Uint32Array.of(top, top, 2 * top), 2, bits, range);
    expect(totalWeight).toBeCloseTo(2, 5);
    expect(weightedSum[0]).toBeCloseTo(0, 5);
    const [plus, minus] = decodeSecureSum(Uint32Array.of(2 * top, 0, 2 * top), 2, bits, range).weightedSum;
    expect([plus, minus].map((value) => Math.round(value * 1e6) / 1e6)).toEqual([1, -1]);
  });

  it('refuses element sums above what the survivors can reach', () => {
    expect(() => decodeSecureSum(Uint32Array.of(2 * top + 1, top, 2 * top), 2, bits, range)).toThrow(/levelSum\[0\]/);
    expect(() => decodeSecureSum(Uint32Array.of(top, top, 2 * top + 1), 2, bits, range)).toThrow(
      /sum\[2\] \(the weight levels\)/,
    );
  });
});
