import type { WeightedUpdate } from '@edgefl/aggregation';
import { RoundStage } from '@edgefl/protocol';
import { applyCentralDp } from '../apply-central-dp';
import { RoundAbortedError } from '../round-aborted-error';
import type { RoundContext } from '../round-context';
import type { ModelEvaluation } from '../model-evaluation';
import type { RoundState } from '../round-state';
import { pruneGlobalModel } from '../prune-global-model';

/**
 * Stage 3: with enough reports, aggregate through the strategy (the aggregation lib's FedAvg and
 * server optimizer): from the FedAvg sum folded during training (central DP: noised, over the
 * fixed denominator), or from the kept updates when a robust aggregator replaces the mean; then
 * evaluate the new model. Aborts (the global model unchanged) when fewer than `minReports`
 * reported, the aggregator cannot combine the reports, or the result is not finite.
 */
export async function runAggregateStage(
  context: RoundContext,
  state: RoundState,
): Promise<{ weights: Float32Array; evaluation?: ModelEvaluation }> {
  state.stage = RoundStage.Aggregate;
  const reports = state.reported.length;
  if (reports < context.config.minReports) {
    throw new RoundAbortedError(
      `only ${reports} of ${state.cohort.size} selected clients reported, the round needs ${context.config.minReports}`,
    );
  }
  const { sum } = state;
  let totalWeight = sum.totalWeight;
  if (context.config.dp && state.dp) {
    totalWeight = applyCentralDp(sum.weightedSum, context.config.dp, state.dp, context.dpRandom, context.adaptiveClip);
  }
  const aggregate = state.updates
    ? aggregateRobustly(context, state.globalWeights, state.updates)
    : context.strategy.aggregateSum(state.globalWeights, sum.weightedSum, totalWeight);
  const weights = pruneGlobalModel(context.config, state, aggregate);
  for (let i = 0; i < weights.length; i++) {
    if (!Number.isFinite(weights[i])) throw new RoundAbortedError('the aggregate is not finite');
  }
  const evaluation = context.evaluate ? await context.evaluate(weights) : undefined;
  return { weights, evaluation };
}

/** The strategy's step over the kept updates; an aggregator that cannot combine this many reports abandons the attempt. */
function aggregateRobustly(
  context: RoundContext,
  global: Float32Array,
  updates: readonly WeightedUpdate[],
): Float32Array {
  try {
    return context.strategy.aggregate(global, updates);
  } catch (error) {
    throw new RoundAbortedError(
      `the ${context.config.defence.aggregator.kind} aggregator cannot combine ${updates.length} updates: ${(error as Error).message}`,
    );
  }
}
