import type { SeededRandom } from '@edgefl/random';

/** IID split: a seeded shuffle of all indices cut into `numClients` near-equal runs (sizes differ by at most 1). */
export function partitionIid(count: number, numClients: number, rng: SeededRandom): number[][] {
  const order = rng.shuffle(Array.from({ length: count }, (_, i) => i));
  return Array.from({ length: numClients }, (_, c) =>
    order.slice(Math.floor((c * count) / numClients), Math.floor(((c + 1) * count) / numClients)),
  );
}
