import { AdvertiseKeysStage } from './advertise-keys-stage';
import { ConsistencyCheckStage } from './consistency-check-stage';
import { MaskedInputStage } from './masked-input-stage';
import type { RoundContext } from '../round-context';
import type { RoundState } from '../round-state';
import type { SecureStage } from './secure-stage';
import type { MaskedPartialCollector } from '../masked-partial-collector';
import { ShareKeysStage } from './share-keys-stage';
import { UnmaskStage } from './unmask-stage';

/**
 * Runs the key, masking and unmasking stages of a configured secure round in order:
 * AdvertiseKeys -> ShareKeys -> MaskedInput -> [ConsistencyCheck, when the round runs it] ->
 * Unmask. On a cluster, `maskedPartials` collects the masked inputs other nodes hold before U3 is
 * sent (secure edge pre-aggregation). Each stage expects the clients that completed the previous one (Unmask: the signers); `onStage` hands the open stage to the coordinator, which routes
 * the cohort's messages and disconnects to it. Any abort (RoundAbortedError) abandons the SecAgg
 * round too, so nothing more is unmasked.
 *
 * @example
 * runSecureConfigureStage(context, state);
 * await runSecureStages(context, state, (stage) => (round.secure = stage));
 */
export async function runSecureStages(
  context: RoundContext,
  state: RoundState,
  onStage: (stage: SecureStage) => void,
  maskedPartials?: MaskedPartialCollector,
): Promise<void> {
  const secure = state.secure;
  if (!secure) throw new TypeError('runSecureStages needs a configured secure round (state.secure)');
  const keyStageMs = secure.config.stageTimeoutMs;
  try {
    const advertise = new AdvertiseKeysStage(context, state, state.cohort, keyStageMs);
    onStage(advertise);
    await advertise.run();
    const share = new ShareKeysStage(context, state, advertise.answered, keyStageMs);
    onStage(share);
    await share.run();
    const trainingLeft = state.startedAt + context.config.roundTimeoutMs - Date.now();
    const masked = new MaskedInputStage(context, state, share.answered, trainingLeft, maskedPartials);
    onStage(masked);
    await masked.run();
    let revealers = masked.answered;
    if (secure.server.consistencyCheck) {
      const consistency = new ConsistencyCheckStage(context, state, masked.answered, keyStageMs);
      onStage(consistency);
      await consistency.run();
      revealers = consistency.answered;
    }
    const unmask = new UnmaskStage(context, state, revealers, keyStageMs);
    onStage(unmask);
    await unmask.run();
  } catch (error) {
    secure.server.abort();
    throw error;
  }
}
