import {
  makeProceduralDataset,
  partitionDataset,
  resizeDataset,
  splitTrainTest,
  subsetDataset,
} from '@edgefl/datasets';
import type { Dataset } from '@edgefl/datasets';
import { findFashionMnist, loadFashionMnist } from '@edgefl/datasets/node';
import { deriveSeed } from '@edgefl/random';
import type { SimulationOptions } from './simulation-options';

/** The data of a run: one training shard per client and the coordinator's held-out set. */
export interface SimulationData {
  source: 'fashion-mnist' | 'synthetic';
  clientData: Dataset[];
  test: Dataset;
}

const SYNTHETIC_SAMPLES_PER_CLIENT = 300;

/**
 * Loads Fashion-MNIST when asked for (or, with `auto`, when found) and the procedural dataset
 * otherwise, then partitions the training set over the clients.
 */
export function loadSimulationData(options: SimulationOptions): SimulationData {
  const dir = options.dataset === 'synthetic' ? undefined : findFashionMnist({ dir: options.dataDir });
  if (options.dataset === 'fashion-mnist' && !dir) {
    throw new Error(
      '--dataset fashion-mnist: no Fashion-MNIST files found (try --data-dir, EDGEFL_DATA, or apt-get install dataset-fashion-mnist)',
    );
  }
  let train: Dataset;
  let test: Dataset;
  if (dir) {
    ({ train, test } = loadFashionMnist(dir, { testLimit: options.testLimit }));
    // --input-size S: Fashion-MNIST resampled to S x S (area averaging), e.g. to search resolutions
    // (not in --light mode, whose input-size default of 8 is for its synthetic data).
    if (!options.light && options.inputSize !== undefined && options.inputSize !== train.shape[0]) {
      train = resizeDataset(train, options.inputSize, options.inputSize);
      test = resizeDataset(test, options.inputSize, options.inputSize);
    }
  } else {
    const side = options.inputSize ?? 28;
    const perClient = options.samplesPerClient || SYNTHETIC_SAMPLES_PER_CLIENT;
    const testCount = Math.min(options.testLimit, 2_000);
    const all = makeProceduralDataset({
      count: options.clients * perClient + testCount,
      seed: deriveSeed(options.seed, 'synthetic'),
      shape: [side, side, 1],
    });
    ({ train, test } = splitTrainTest(all, testCount / all.count, deriveSeed(options.seed, 'split')));
  }
  const parts = partitionDataset(
    train.labels,
    options.clients,
    options.partition,
    deriveSeed(options.seed, 'partition'),
  );
  const clientData = parts.map((indices) => {
    const kept = options.samplesPerClient > 0 ? indices.slice(0, options.samplesPerClient) : indices;
    return subsetDataset(train, kept);
  });
  return { source: dir ? 'fashion-mnist' : 'synthetic', clientData, test };
}
