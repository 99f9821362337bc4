import { scheduledLearningRate } from '@edgefl/aggregation';
import { encodePruningMask, encodeTensors } from '@edgefl/protocol';
import type { TaskMessage } from '@edgefl/protocol';
import { weightShapes } from '@edgefl/models';
import type { CoordinatorConfig } from './coordinator-config';
import type { RoundState } from './round-state';

/**
 * The task every cohort member of a round gets (global weights, training config with this round's
 * scheduled learning rate, deadline, seed, and a pruned model's mask);
 * secure rounds add each client's own `secure` setup to a copy of it.
 *
 * @example
 * const task = buildTaskMessage(config, state);
 * channel.send(clientId, 'task', task);
 */
export function buildTaskMessage(config: CoordinatorConfig, state: RoundState): TaskMessage {
  return {
    type: 'task',
    runId: state.runId,
    roundId: state.roundId,
    round: state.round,
    attempt: state.attempt,
    modelVersion: state.modelVersion,
    model: config.model,
    weights: encodeWeights(state.globalWeights, weightShapes(config.model)),
    training: {
      ...config.training,
      learningRate: scheduledLearningRate(
        config.learningRateSchedule,
        config.training.learningRate,
        state.round,
        config.rounds,
      ),
    },
    encoding: config.encoding,
    timeoutMs: config.roundTimeoutMs,
    seed: state.seed,
    ...(state.pruningMask && { mask: encodePruningMask(state.pruningMask) }),
  };
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
