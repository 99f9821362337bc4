import { modelHash } from '@edgefl/protocol';

/** A full model the client holds: the round whose task carried it, its `modelVersion`, weights and (once asked) hash. */
interface HeldModel {
  roundId: string;
  version: number;
  weights: Float32Array;
  hash?: string;
}

/**
 * The full models a client keeps for downlink deltas (docs/PROTOCOL.md, "Downlink deltas"), so
 * that it holds whichever one the coordinator names as a delta's base:
 *
 * - **newest**: the last full model received (`task.weights`), with the round whose task carried it;
 * - **reported**: the full model of the last round in which the coordinator accepted this client's
 *   report (an `update` or `secagg-masked-input`) while that round's task was the last full model
 *   it had been sent. That is the coordinator's rule for the base it records, so a client that gets
 *   a full model and then does not report in its round (goal met, late, dropped) still holds the
 *   model the coordinator's next deltas start from.
 *
 * The newest covers a report the coordinator accepted whose ack the client has not seen (yet, or
 * ever). A report is followed from its sending to its ack: when the full model of its round is the
 * newest at sending, it is the one promoted on acceptance, even if a newer full model arrived in
 * between (the ack and the next task can come in one read, the task handled first). Two models at
 * most, three only while such a report is in flight; a model that is none of these (an older newest,
 * an older reported) is dropped, since the coordinator can no longer name it.
 *
 * @example
 * const bases = new DownlinkBases();
 * bases.received('run/1/1', 0, weights); // a full task
 * bases.reportSent('run/1/1');
 * bases.reportAccepted('run/1/1'); // its ack
 * bases.find(downlink.baseVersion, downlink.baseHash); // Float32Array | undefined
 */
export class DownlinkBases {
  private newest?: HeldModel;
  private reported?: HeldModel;
  /** The newest when the report of its round was sent, until the ack says whether the coordinator accepted it. */
  private inFlight?: HeldModel;

  /** The task of `roundId` carried the full model `weights` (its `modelVersion` is `version`): it becomes the newest. */
  received(roundId: string, version: number, weights: Float32Array): void {
    this.newest = { roundId, version, weights };
  }

  /** This client sent its report in `roundId` (its ack is pending). */
  reportSent(roundId: string): void {
    this.inFlight = this.newest?.roundId === roundId ? this.newest : undefined;
  }

  /**
   * The coordinator accepted this client's report in `roundId`: when that round's task carried the
   * last full model sent before the report, that model becomes the reported one (the coordinator
   * records it as the client's base). A report in a round whose task was a delta changes nothing, as
   * on the coordinator.
   */
  reportAccepted(roundId: string): void {
    if (this.inFlight?.roundId === roundId) this.reported = this.inFlight;
    else if (!this.inFlight && this.newest?.roundId === roundId) this.reported = this.newest;
    this.inFlight = undefined;
  }

  /** The report of `roundId` was refused, or its ack never came: nothing is promoted. */
  reportFailed(roundId: string): void {
    if (this.inFlight?.roundId === roundId) this.inFlight = undefined;
  }

  /** The weights of the held model with this version and hash (the model hash of section 10), or undefined. */
  find(version: number, hash: string): Float32Array | undefined {
    for (const model of this.models()) {
      if (model.version !== version) continue;
      model.hash ??= modelHash(model.weights);
      if (model.hash === hash) return model.weights;
    }
    return undefined;
  }

  /** The versions of the held models, newest first, each model once. */
  heldVersions(): number[] {
    return this.models().map((model) => model.version);
  }

  /** Drops every held model: the next task must carry full weights. */
  reset(): void {
    this.newest = undefined;
    this.reported = undefined;
    this.inFlight = undefined;
  }

  private models(): HeldModel[] {
    const models: HeldModel[] = [];
    for (const model of [this.newest, this.reported, this.inFlight])
      if (model && !models.includes(model)) models.push(model);
    return models;
  }
}
