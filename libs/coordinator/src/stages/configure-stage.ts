import { RoundStage } from '@edgefl/protocol';
import { buildTaskMessage } from '../build-task-message';
import { roundPruningMask } from '../round-pruning-mask';
import { RoundAbortedError } from '../round-aborted-error';
import type { RoundContext } from '../round-context';
import type { RoundState } from '../round-state';
import { selectRoundCohort } from '../select-round-cohort';

/**
 * Stage 1: select the cohort among connected clients and send each the task (global weights,
 * training config, deadline). Aborts when fewer clients are connected than could make the round.
 */
export function runConfigureStage(context: RoundContext, state: RoundState): void {
  const { config, clients } = context;
  state.stage = RoundStage.Configure;
  const available = clients
    .connected()
    .map((client) => client.clientId)
    .filter((clientId) => !context.suspicion.isQuarantined(clientId));
  if (available.length < config.minReports) {
    throw new RoundAbortedError(
      `only ${available.length} clients connected and not quarantined, the round needs ${config.minReports}`,
    );
  }
  const cohort = selectRoundCohort(context, state, available);
  state.pruningMask = roundPruningMask(config, state.modelVersion, state.globalWeights);
  const task = buildTaskMessage(config, state);
  state.task = task;
  for (const clientId of cohort) {
    const client = clients.client(clientId);
    if (!client) continue;
    state.cohort.add(clientId);
    clients.send(
      clientId,
      'task',
      context.downlink
        ? context.downlink.personalize(task, clientId, state.globalWeights, client.deltaDownlink === true)
        : task,
    );
  }
  context.logger.info(
    { roundId: state.roundId, cohort: state.cohort.size, connected: available.length },
    'round configured',
  );
  state.stage = RoundStage.Train;
}
