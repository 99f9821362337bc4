import type { ModelCheckpoint } from './model-checkpoint';
import type { RoundRecord } from './round-record';
import type { RoundStore } from './round-store';

/** A {@link RoundStore} in process memory: for simulations and tests; nothing survives a restart. */
export class MemoryRoundStore implements RoundStore {
  private readonly checkpoints: ModelCheckpoint[] = [];
  private readonly log: RoundRecord[] = [];

  async latestCheckpoint(): Promise<ModelCheckpoint | undefined> {
    return this.checkpoints[this.checkpoints.length - 1];
  }

  async checkpoint(version: number): Promise<ModelCheckpoint | undefined> {
    return this.checkpoints.find((c) => c.version === version);
  }

  async putInitialCheckpoint(checkpoint: ModelCheckpoint): Promise<void> {
    if (this.checkpoints.length > 0) throw new Error('putInitialCheckpoint: the store already holds a model');
    this.checkpoints.push({ ...checkpoint, weights: Float32Array.from(checkpoint.weights) });
  }

  async commitRound(record: RoundRecord, checkpoint?: ModelCheckpoint): Promise<void> {
    if (checkpoint) {
      const latest = this.checkpoints[this.checkpoints.length - 1];
      const expected = latest ? latest.version + 1 : 0;
      if (checkpoint.version !== expected) {
        throw new Error(`checkpoint.version must be ${expected}, got ${checkpoint.version}`);
      }
      this.checkpoints.push({ ...checkpoint, weights: Float32Array.from(checkpoint.weights) });
    }
    this.log.push({ ...record });
  }

  async rounds(): Promise<RoundRecord[]> {
    return this.log.map((r) => ({ ...r }));
  }

  async close(): Promise<void> {
    // Nothing to release.
  }
}
