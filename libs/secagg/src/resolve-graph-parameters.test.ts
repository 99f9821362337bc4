import { resolveGraphParameters } from './resolve-graph-parameters';

describe('resolveGraphParameters (graph parameters that can never work are refused up front)', () => {
  it('refuses an odd degree below n-1, saying what to use', () => {
    expect(() => resolveGraphParameters(7, { neighbours: 3 })).toThrow(
      /--neighbours 3 cannot build a graph of 7 clients: below n-1 = 6 the degree must be even/,
    );
  });

  it('refuses a threshold at or below half the degree, or above it', () => {
    expect(() => resolveGraphParameters(10, { neighbours: 4, threshold: 1 })).toThrow(
      /--threshold 1 does not fit 10 clients with degree 4: .* 3\.\.4/,
    );
    expect(() => resolveGraphParameters(4, { neighbours: 8, threshold: 4 })).toThrow(
      /degree 3 \(--neighbours 8 capped at n-1\)/,
    );
  });

  it('keeps valid configured values and chooses what is not configured', () => {
    expect(resolveGraphParameters(10, { neighbours: 4 })).toMatchObject({ neighbourCount: 4, threshold: 3 });
    expect(resolveGraphParameters(7, { neighbours: 6, threshold: 5 })).toMatchObject({
      neighbourCount: 6,
      threshold: 5,
    });
    expect(resolveGraphParameters(100, {})).toMatchObject({ neighbourCount: 74, threshold: 38, meetsTarget: true });
  });
});
