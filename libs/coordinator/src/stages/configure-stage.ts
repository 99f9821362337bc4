import { RoundStage, encodeTensors } from '@edgefl/protocol';
import type { TaskMessage } from '@edgefl/protocol';
import { weightShapes } from '@edgefl/models';
import { deriveSeed } from '@edgefl/random';
import { RoundAbortedError } from '../round-aborted-error';
import type { RoundContext } from '../round-context';
import type { RoundState } from '../round-state';
import { selectCohort } from '../select-cohort';

/**
 * Stage 1: select the cohort among connected clients and send each the task (global weights,
 * training config, deadline). Aborts when fewer clients are connected than could make the round.
 */
export function runConfigureStage(context: RoundContext, state: RoundState): void {
  const { config, registry } = context;
  state.stage = RoundStage.Configure;
  const available = registry.ids();
  if (available.length < config.minReports) {
    throw new RoundAbortedError(`only ${available.length} clients connected, the round needs ${config.minReports}`);
  }
  const cohort = selectCohort(available, config.clientsPerRound, config.overSelection, deriveSeed(state.seed, 'cohort'));
  const task: TaskMessage = {
    type: 'task',
    runId: state.runId,
    roundId: state.roundId,
    round: state.round,
    attempt: state.attempt,
    modelVersion: state.modelVersion,
    model: config.model,
    weights: encodeWeights(state.globalWeights, weightShapes(config.model)),
    training: config.training,
    encoding: config.encoding,
    timeoutMs: config.roundTimeoutMs,
    seed: state.seed,
  };
  state.task = task;
  for (const clientId of cohort) {
    const session = registry.get(clientId);
    if (!session) continue;
    state.cohort.add(clientId);
    session.socket.emit('task', task);
  }
  context.logger.info({ roundId: state.roundId, cohort: state.cohort.size, connected: available.length }, 'round configured');
  state.stage = RoundStage.Train;
}

function encodeWeights(flat: Float32Array, shapes: number[][]): Uint8Array {
  let offset = 0;
  return encodeTensors(
    shapes.map((shape) => {
      const size = shape.reduce((a, b) => a * b, 1);
      const data = flat.subarray(offset, offset + size);
      offset += size;
      return { dtype: 'float32' as const, shape, data };
    }),
  );
}
