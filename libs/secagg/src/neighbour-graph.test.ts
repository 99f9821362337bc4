import fc from 'fast-check';
import { buildNeighbourGraph, defaultNeighbourCount, defaultThreshold } from './neighbour-graph';

describe('buildNeighbourGraph', () => {
  it('matches the frozen graph for ids 1..10, k = 4, zero seed (docs/SECAGG.md)', () => {
    const graph = buildNeighbourGraph([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 4, new Uint8Array(32));
    expect(Object.fromEntries(graph.neighbours)).toEqual({
      1: [4, 7, 8, 9],
      2: [3, 4, 6, 9],
      3: [2, 5, 6, 10],
      4: [1, 2, 8, 9],
      5: [3, 6, 7, 10],
      6: [2, 3, 5, 9],
      7: [1, 5, 8, 10],
      8: [1, 4, 7, 10],
      9: [1, 2, 4, 6],
      10: [3, 5, 7, 8],
    });
  });

  it('is k-regular, symmetric, loop-free, and depends only on the seed', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 65535 }), { minLength: 2, maxLength: 40 }),
        fc.integer({ min: 1, max: 40 }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        (ids, rawK, seed) => {
          const n = ids.length;
          const k = rawK >= n - 1 ? rawK : rawK + (rawK % 2);
          const graph = buildNeighbourGraph(ids, k, seed);
          const degree = Math.min(k, n - 1);
          expect(graph.degree).toBe(degree);
          for (const id of ids) {
            const neighbours = graph.neighbours.get(id) ?? [];
            expect(new Set(neighbours).size).toBe(degree);
            expect(neighbours).not.toContain(id);
            for (const peer of neighbours) expect(graph.neighbours.get(peer)).toContain(id);
          }
          expect(buildNeighbourGraph([...ids].reverse(), k, seed).neighbours).toEqual(graph.neighbours);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('gives the complete graph when k >= n-1 (classic SecAgg)', () => {
    const graph = buildNeighbourGraph([2, 4, 6, 8], 7, new Uint8Array(32));
    expect(graph.neighbours.get(4)).toEqual([2, 6, 8]);
    expect(graph.degree).toBe(3);
  });

  it('names bad arguments', () => {
    expect(() => buildNeighbourGraph([1, 2, 3, 4, 5], 3, new Uint8Array(32))).toThrow(/neighbourCount must be even/);
    expect(() => buildNeighbourGraph([1], 2, new Uint8Array(32))).toThrow(/nodeIds/);
    expect(() => buildNeighbourGraph([1, 1, 2], 2, new Uint8Array(32))).toThrow(/nodeIds repeats/);
    expect(() => buildNeighbourGraph([1, 2, 3], 2, new Uint8Array(3))).toThrow(/seed/);
  });
});

describe('defaults', () => {
  it('k = 2 ceil(log2 n) capped at n-1, t = floor(k/2) + 1', () => {
    expect([2, 3, 5, 8, 10, 100, 1000].map(defaultNeighbourCount)).toEqual([1, 2, 4, 6, 8, 14, 20]);
    expect([1, 2, 3, 4, 14, 20].map(defaultThreshold)).toEqual([1, 2, 2, 3, 8, 11]);
    expect(() => defaultNeighbourCount(1)).toThrow(/cohortSize/);
    expect(() => defaultThreshold(0)).toThrow(/degree/);
  });
});
