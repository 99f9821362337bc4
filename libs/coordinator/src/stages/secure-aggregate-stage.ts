import { RoundStage, scatterKept } from '@edgefl/protocol';
import { decodeSecureSum } from '@edgefl/quantization';
import { decodeSecureDpSum } from '../decode-secure-dp-sum';
import type { ModelEvaluation } from '../model-evaluation';
import { RoundAbortedError } from '../round-aborted-error';
import type { RoundContext } from '../round-context';
import type { RoundState } from '../round-state';
import { pruneGlobalModel } from '../prune-global-model';

/**
 * Secure stage 6 (Aggregate): decode the unmasked integer sum into sum_k w_k * delta_k and
 * sum_k w_k, aggregate through the strategy (`aggregateSum`, the same FedAvg step as plain rounds) and evaluate. Aborts (model unchanged) when the
 * sum is missing, decodes to no weight, or the result is not finite.
 */
export async function runSecureAggregateStage(
  context: RoundContext,
  state: RoundState,
): Promise<{ weights: Float32Array; evaluation?: ModelEvaluation }> {
  state.stage = RoundStage.Aggregate;
  const secure = state.secure;
  if (!secure?.sum || !secure.survivors) throw new RoundAbortedError('the secure round produced no sum');
  let decoded: { weightedSum: Float64Array; totalWeight: number };
  try {
    decoded = secure.dp
      ? decodeSecureDpSum(secure, state)
      : decodeSecureSum(secure.sum, secure.survivors.length, secure.config.bits, secure.config.range);
  } catch (error) {
    throw new RoundAbortedError(`the unmasked sum does not decode: ${(error as Error).message}`);
  }
  if (!(decoded.totalWeight > 0)) throw new RoundAbortedError("the survivors' weights sum to zero");
  // Cohort members outside the sum are the round's dropouts; those in it are its participants.
  state.reported = secure.survivors.map((index) => secure.cohortIndex.clientIdOf(index));
  state.dropped = new Set([...state.cohort].filter((clientId) => !state.reported.includes(clientId)));
  // A pruned model's sum covers the kept coordinates only: 0 elsewhere.
  const weightedSum = state.pruningMask ? scatterKept(decoded.weightedSum, state.pruningMask) : decoded.weightedSum;
  const weights = pruneGlobalModel(
    context.config,
    state,
    context.strategy.aggregateSum(state.globalWeights, weightedSum, decoded.totalWeight),
  );
  for (let i = 0; i < weights.length; i++) {
    if (!Number.isFinite(weights[i])) throw new RoundAbortedError('the aggregate is not finite');
  }
  const evaluation = context.evaluate ? await context.evaluate(weights) : undefined;
  return { weights, evaluation };
}
