import { RoundStage } from '@edgefl/protocol';
import type { TaskMessage } from '@edgefl/protocol';
import { buildTaskMessage } from '../build-task-message';
import { roundPruningMask } from '../round-pruning-mask';
import { RoundAbortedError } from '../round-aborted-error';
import type { RoundContext } from '../round-context';
import type { RoundState } from '../round-state';
import { selectRoundCohort } from '../select-round-cohort';

/**
 * Stage 1: select the cohort among connected clients and send each the task (global weights,
 * training config, deadline), one send per distinct task (docs/SCALING.md, "How tasks travel"). Aborts when fewer clients are connected than could make the round.
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
  // Clients that get the same task object (the full model, or the planner's delta from one base) get it in one send.
  const groups = new Map<TaskMessage, string[]>();
  for (const clientId of cohort) {
    const client = clients.client(clientId);
    if (!client) continue;
    state.cohort.add(clientId);
    const personal = context.downlink
      ? context.downlink.personalize(task, clientId, state.globalWeights, client.deltaDownlink === true)
      : task;
    const group = groups.get(personal);
    if (group) group.push(clientId);
    else groups.set(personal, [clientId]);
  }
  for (const [personal, clientIds] of groups) clients.sendToEach(clientIds, 'task', personal);
  context.logger.info(
    { roundId: state.roundId, cohort: state.cohort.size, connected: available.length },
    'round configured',
  );
  state.stage = RoundStage.Train;
}
