import { decodeTensors, modelHash } from '@edgefl/protocol';
import type { TaskMessage } from '@edgefl/protocol';
import { applyQuantizedDelta } from '@edgefl/quantization';

/** A `task.downlink` the client cannot use: it holds another base, or the rebuilt model's hash differs. */
export class DownlinkMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DownlinkMismatchError';
  }
}

/**
 * The client's end of the downlink (docs/PROTOCOL.md, "Downlink deltas"): keeps the last full
 * model received as its base, rebuilds the model of a delta task from it, and checks the rebuilt
 * model's hash against the coordinator's.
 *
 * @example
 * const receiver = new DownlinkReceiver();
 * const weights = receiver.receive(task); // Float32Array, full or rebuilt
 */
export class DownlinkReceiver {
  private base?: { version: number; weights: Float32Array; hash?: string };

  /** The task's global weights as a flat vector. Throws DownlinkMismatchError when a delta cannot be applied. */
  receive(task: TaskMessage): Float32Array {
    if (task.weights) {
      const weights = flattenTensors(task.weights);
      this.base = { version: task.modelVersion, weights };
      return weights;
    }
    const downlink = task.downlink;
    if (!downlink) throw new DownlinkMismatchError('the task carries neither weights nor downlink');
    const base = this.base;
    if (!base || base.version !== downlink.baseVersion) {
      throw new DownlinkMismatchError(
        `the task is a delta from version ${downlink.baseVersion}, but this client holds ${base ? `version ${base.version}` : 'no full model'}`,
      );
    }
    base.hash ??= modelHash(base.weights);
    if (base.hash !== downlink.baseHash)
      throw new DownlinkMismatchError(
        `the held version ${base.version} hashes to ${base.hash}, the task's base to ${downlink.baseHash}`,
      );
    let rebuilt: Float32Array;
    try {
      rebuilt = applyQuantizedDelta(base.weights, downlink.delta);
    } catch (error) {
      throw new DownlinkMismatchError(`task.downlink.delta does not apply: ${(error as Error).message}`);
    }
    const hash = modelHash(rebuilt);
    if (hash !== downlink.modelHash)
      throw new DownlinkMismatchError(
        `the rebuilt model hashes to ${hash}, the coordinator's to ${downlink.modelHash}`,
      );
    return rebuilt;
  }

  /** Drops the base: the next task must carry full weights. */
  reset(): void {
    this.base = undefined;
  }
}

function flattenTensors(bytes: Uint8Array): Float32Array {
  const tensors = decodeTensors(bytes);
  const total = tensors.reduce((n, t) => n + t.data.length, 0);
  const flat = new Float32Array(total);
  let offset = 0;
  for (const tensor of tensors) {
    flat.set(tensor.data, offset);
    offset += tensor.data.length;
  }
  return flat;
}
