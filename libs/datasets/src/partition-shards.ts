import type { SeededRandom } from '@edgefl/random';

/**
 * McMahan et al. 2017's pathological non-IID split: sort by label, cut into numClients * k
 * near-equal shards, give each client k random shards. When shards align with label boundaries a
 * client sees at most k distinct labels.
 */
export function partitionShards(
  labels: Uint8Array,
  numClients: number,
  shardsPerClient: number,
  rng: SeededRandom,
): number[][] {
  const sorted = Array.from({ length: labels.length }, (_, i) => i).sort((a, b) => labels[a] - labels[b] || a - b);
  const shardCount = numClients * shardsPerClient;
  const shardOrder = rng.shuffle(Array.from({ length: shardCount }, (_, s) => s));
  const boundary = (s: number): number => Math.round((s * sorted.length) / shardCount);
  return Array.from({ length: numClients }, (_, c) =>
    shardOrder
      .slice(c * shardsPerClient, (c + 1) * shardsPerClient)
      .flatMap((shard) => sorted.slice(boundary(shard), boundary(shard + 1))),
  );
}
