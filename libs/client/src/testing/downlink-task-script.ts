import { encodeTensors, modelHash, modelParameterCount } from '@edgefl/protocol';
import type { ModelSpec, TaskMessage } from '@edgefl/protocol';
import { applyQuantizedDelta, encodeQuantizedUpdate, stochasticQuantize } from '@edgefl/quantization';

const MODEL: ModelSpec = { kind: 'separable-cnn', inputShape: [8, 8, 1], widths: [2], classes: 10 };

/**
 * What a scripted coordinator sends a client in downlink tests: tasks of round R (`run/R/1`, model
 * version R - 1) carrying either the full weights or a delta built as docs/PROTOCOL.md "Downlink
 * deltas" says, for a tiny model and one example of data.
 *
 * @example
 * socket.emit('task', downlinkTaskScript.task(2, { downlink: downlinkTaskScript.deltaFrom(0, v0, v1) }));
 */
export const downlinkTaskScript = {
  model: MODEL,
  parameters: modelParameterCount(MODEL),
  data: {
    images: new Float32Array(64),
    labels: Uint8Array.of(0),
    shape: [8, 8, 1] as [number, number, number],
    classes: 10,
    count: 1,
  },

  task(round: number, model: Pick<TaskMessage, 'weights' | 'downlink'>): TaskMessage {
    return {
      type: 'task',
      runId: 'run',
      roundId: `run/${round}/1`,
      round,
      attempt: 1,
      modelVersion: round - 1,
      model: MODEL,
      training: { epochs: 1, batchSize: 8, learningRate: 0.01, optimizer: 'sgd' },
      encoding: { kind: 'float32' },
      timeoutMs: 10_000,
      seed: round,
      ...model,
    };
  },

  /** The full model as `task.weights`. */
  full(weights: Float32Array): Uint8Array {
    return encodeTensors([{ dtype: 'float32', shape: [weights.length], data: weights }]);
  },

  /** The coordinator's delta from `base` (version `baseVersion`) to `target`, 8-bit, seeded. */
  deltaFrom(baseVersion: number, base: Float32Array, target: Float32Array): NonNullable<TaskMessage['downlink']> {
    const bytes = encodeQuantizedUpdate(
      stochasticQuantize(
        Float32Array.from(target, (w, i) => w - base[i]),
        { bits: 8, clip: { kind: 'per-chunk', chunkSize: 1024 } },
        3,
      ),
    );
    return {
      baseVersion,
      baseHash: modelHash(base),
      delta: bytes,
      modelHash: modelHash(applyQuantizedDelta(base, bytes)),
      maxError: 0.01,
    };
  },
};
