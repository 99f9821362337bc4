import type { ModelSpec } from '@edgefl/protocol';
import { buildModel, setFlatWeights } from '@edgefl/models';
import { evaluateModel } from '@edgefl/runtime';
import type { LocalDataset } from '@edgefl/runtime';
import type { ModelEvaluation } from './model-evaluation';

/**
 * Builds one model of `spec` and returns a function that loads weights into it and measures
 * loss and accuracy on the held-out `testSet`.
 *
 * @example
 * const evaluate = createModelEvaluator(DEFAULT_MODEL_SPEC, testSet);
 * const { accuracy } = await evaluate(weights);
 */
export function createModelEvaluator(
  spec: ModelSpec,
  testSet: LocalDataset,
  batchSize = 256,
): (weights: Float32Array) => Promise<ModelEvaluation> {
  if (testSet.count < 1) throw new RangeError('testSet must hold at least one example');
  const model = buildModel(spec, 0);
  return async (weights) => {
    setFlatWeights(model, weights);
    return evaluateModel(model, testSet, batchSize);
  };
}
