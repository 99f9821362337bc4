import { SeededRandom } from '@edgefl/random';
import { fillEmptyClients } from './fill-empty-clients';
import { partitionDirichlet } from './partition-dirichlet';
import { partitionIid } from './partition-iid';
import { partitionShards } from './partition-shards';
import { parsePartitionSpec, type PartitionSpec } from './partition-spec';

/**
 * Splits example indices over `numClients` clients. The lists are disjoint, cover every index,
 * are sorted ascending, and each is non-empty whenever labels.length >= numClients. The same
 * labels, spec and seed always give the same split.
 *
 * @example
 * const parts = partitionDataset(train.labels, 10, 'dirichlet:0.3', 42);
 * const client3 = subsetDataset(train, parts[3]);
 */
export function partitionDataset(
  labels: Uint8Array,
  numClients: number,
  spec: PartitionSpec | string,
  seed: number,
): number[][] {
  if (!(labels instanceof Uint8Array)) throw new Error('labels must be a Uint8Array');
  if (!Number.isInteger(numClients) || numClients < 1)
    throw new Error(`numClients must be an integer >= 1, got ${numClients}`);
  if (!Number.isFinite(seed)) throw new Error(`seed must be a finite number, got ${seed}`);
  const parsed = parsePartitionSpec(spec);
  const rng = new SeededRandom(seed);
  let clients: number[][];
  switch (parsed.kind) {
    case 'iid':
      clients = partitionIid(labels.length, numClients, rng);
      break;
    case 'dirichlet':
      clients = partitionDirichlet(labels, numClients, parsed.alpha, rng);
      break;
    case 'shards':
      clients = partitionShards(labels, numClients, parsed.shardsPerClient, rng);
      break;
    default: {
      const unknownKind: never = parsed;
      throw new Error(`unhandled partition kind ${String(unknownKind)}`);
    }
  }
  return fillEmptyClients(clients).map((list) => list.sort((a, b) => a - b));
}
