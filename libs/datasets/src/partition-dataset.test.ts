import fc from 'fast-check';
import { partitionDataset } from './partition-dataset';

/** Balanced labels 0..classes-1, interleaved. */
function balancedLabels(count: number, classes = 10): Uint8Array {
  return Uint8Array.from({ length: count }, (_, i) => i % classes);
}

/** Mean over clients of the share of a client's examples that belong to its most common class. */
function averageMaxClassFraction(parts: number[][], labels: Uint8Array): number {
  const fractions = parts.map((indices) => {
    const counts = new Map<number, number>();
    for (const i of indices) counts.set(labels[i], (counts.get(labels[i]) ?? 0) + 1);
    return Math.max(...counts.values()) / indices.length;
  });
  return fractions.reduce((a, b) => a + b, 0) / fractions.length;
}

const specs = fc.oneof(
  fc.constant('iid'),
  fc.double({ min: 0.01, max: 100, noNaN: true }).map((alpha) => `dirichlet:${alpha}`),
  fc.integer({ min: 1, max: 4 }).map((k) => `shards:${k}`),
);

describe('partitionDataset', () => {
  it('gives disjoint, sorted lists that cover every index, none empty when there are enough examples', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 300 }).map((v) => Uint8Array.from(v)),
        fc.integer({ min: 1, max: 25 }),
        specs,
        fc.integer(),
        (labels, numClients, spec, seed) => {
          const parts = partitionDataset(labels, numClients, spec, seed);
          expect(parts).toHaveLength(numClients);
          const all = parts.flat();
          expect(all).toHaveLength(labels.length);
          expect(new Set(all).size).toBe(labels.length);
          expect(all.every((i) => Number.isInteger(i) && i >= 0 && i < labels.length)).toBe(true);
          for (const part of parts) expect(part).toEqual([...part].sort((a, b) => a - b));
          if (labels.length >= numClients) expect(parts.every((part) => part.length > 0)).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('is deterministic for a fixed seed and changes with the seed', () => {
    const labels = balancedLabels(1000);
    for (const spec of ['iid', 'dirichlet:0.5', 'shards:2']) {
      expect(partitionDataset(labels, 10, spec, 9)).toEqual(partitionDataset(labels, 10, spec, 9));
      expect(partitionDataset(labels, 10, spec, 9)).not.toEqual(partitionDataset(labels, 10, spec, 10));
    }
  });

  it('iid gives near-equal sizes and about the global class mix', () => {
    const labels = balancedLabels(6000);
    const parts = partitionDataset(labels, 7, 'iid', 1);
    const sizes = parts.map((p) => p.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    expect(averageMaxClassFraction(parts, labels)).toBeLessThan(0.15); // global max-class fraction is 0.1
  });

  it('partitioners give the requested label skew: dirichlet small alpha skewed, large alpha near-uniform', () => {
    const labels = balancedLabels(6000);
    const skew = (spec: string): number => averageMaxClassFraction(partitionDataset(labels, 10, spec, 4), labels);
    const strong = skew('dirichlet:0.1');
    const moderate = skew('dirichlet:1');
    const weak = skew('dirichlet:1000');
    expect(strong).toBeGreaterThan(0.5);
    expect(moderate).toBeGreaterThan(weak);
    expect(strong).toBeGreaterThan(moderate);
    expect(weak).toBeLessThan(0.15);
  });

  it('shards:k gives each client at most k distinct labels when shards align with labels', () => {
    // 10 labels x 600 examples, 50 clients x 2 shards = 100 shards of 60: every shard holds one label.
    const labels = balancedLabels(6000);
    for (const k of [1, 2]) {
      const parts = partitionDataset(labels, 50, `shards:${k}`, 3);
      for (const part of parts) {
        expect(part).toHaveLength(6000 / 50);
        expect(new Set(part.map((i) => labels[i])).size).toBeLessThanOrEqual(k);
      }
    }
    expect(averageMaxClassFraction(partitionDataset(labels, 50, 'shards:1', 3), labels)).toBe(1);
  });

  it('names bad arguments', () => {
    const labels = balancedLabels(10);
    expect(() => partitionDataset(labels, 0, 'iid', 1)).toThrow(/numClients/);
    expect(() => partitionDataset(labels, 2, 'dirichlet:-1', 1)).toThrow(/partition spec/);
    expect(() => partitionDataset(labels, 2, 'iid', Number.NaN)).toThrow(/seed/);
    expect(() => partitionDataset([0, 1] as unknown as Uint8Array, 2, 'iid', 1)).toThrow(/labels/);
  });
});
