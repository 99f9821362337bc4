import { combineUpdates } from '@edgefl/aggregation';
import type { WeightedUpdate } from '@edgefl/aggregation';
import { RoundStage } from '@edgefl/protocol';
import { applyCentralDp } from '../apply-central-dp';
import { RoundAbortedError } from '../round-aborted-error';
import type { RoundContext } from '../round-context';
import type { ModelEvaluation } from '../model-evaluation';
import type { RoundState } from '../round-state';
import { pruneGlobalModel } from '../prune-global-model';

/**
 * Stage 3: with enough reports, apply the server step to the weighted sum (FedAvg) or to the
 * robust aggregator's combination of the kept updates, and evaluate the new model. Aborts (the global model unchanged) when fewer than `minReports` reported or the
 * result is not finite.
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
  if (context.config.dp && state.dp) {
    state.totalWeight = applyCentralDp(state.weightedSum, context.config.dp, state.dp, context.adaptiveClip);
  }
  const aggregate = state.updates
    ? context.strategy.aggregateSum(state.globalWeights, combineRobustly(context, state.updates), 1)
    : context.strategy.aggregateSum(state.globalWeights, state.weightedSum, state.totalWeight);
  const weights = pruneGlobalModel(context.config, state.round, aggregate);
  for (let i = 0; i < weights.length; i++) {
    if (!Number.isFinite(weights[i])) throw new RoundAbortedError('the aggregate is not finite');
  }
  const evaluation = context.evaluate ? await context.evaluate(weights) : undefined;
  return { weights, evaluation };
}

/** The configured robust aggregator's delta; an aggregator that cannot combine this many reports abandons the attempt. */
function combineRobustly(context: RoundContext, updates: readonly WeightedUpdate[]): Float32Array {
  try {
    return combineUpdates(context.config.defence.aggregator, updates);
  } catch (error) {
    throw new RoundAbortedError(
      `the ${context.config.defence.aggregator.kind} aggregator cannot combine ${updates.length} updates: ${(error as Error).message}`,
    );
  }
}
