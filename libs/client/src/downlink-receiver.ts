import { decodeTensors, modelHash } from '@edgefl/protocol';
import type { TaskMessage } from '@edgefl/protocol';
import { applyQuantizedDelta } from '@edgefl/quantization';
import { DownlinkBases } from './downlink-bases';

/** A `task.downlink` the client cannot use: it holds another base, or the rebuilt model's hash differs. */
export class DownlinkMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DownlinkMismatchError';
  }
}

/**
 * The client's end of the downlink (docs/PROTOCOL.md, "Downlink deltas"): keeps the full models a
 * delta may start from ({@link DownlinkBases}: the newest received, and the one of the last round
 * the client reported in), rebuilds the model of a delta task from the one it names, and checks the
 * rebuilt model's hash against the coordinator's.
 *
 * @example
 * const receiver = new DownlinkReceiver();
 * const weights = receiver.receive(task); // Float32Array, full or rebuilt
 * receiver.reportSent(task.roundId); // then reportAccepted or reportFailed, on its ack
 */
export class DownlinkReceiver {
  private readonly bases = new DownlinkBases();

  /** The task's global weights as a flat vector. Throws DownlinkMismatchError when a delta cannot be applied. */
  receive(task: TaskMessage): Float32Array {
    if (task.weights) {
      const weights = flattenTensors(task.weights);
      this.bases.received(task.roundId, task.modelVersion, weights);
      return weights;
    }
    const downlink = task.downlink;
    if (!downlink) throw new DownlinkMismatchError('the task carries neither weights nor downlink');
    const base = this.bases.find(downlink.baseVersion, downlink.baseHash);
    if (!base) {
      const held = this.bases.heldVersions();
      throw new DownlinkMismatchError(
        held.length === 0
          ? `the task is a delta from version ${downlink.baseVersion}, but this client holds no full model`
          : `the task is a delta from version ${downlink.baseVersion} with hash ${downlink.baseHash}, but this client holds no such model (it holds version ${held.join(' and ')})`,
      );
    }
    let rebuilt: Float32Array;
    try {
      rebuilt = applyQuantizedDelta(base, downlink.delta);
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

  /** This client sent its report (update or masked input) in `roundId`. */
  reportSent(roundId: string): void {
    this.bases.reportSent(roundId);
  }

  /** The coordinator accepted this client's report in `roundId`: its full model, if any, is what the coordinator holds. */
  reportAccepted(roundId: string): void {
    this.bases.reportAccepted(roundId);
  }

  /** The report of `roundId` was refused or its ack never came. */
  reportFailed(roundId: string): void {
    this.bases.reportFailed(roundId);
  }

  /** Drops the held models: the next task must carry full weights. */
  reset(): void {
    this.bases.reset();
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
