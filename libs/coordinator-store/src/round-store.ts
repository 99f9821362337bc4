import type { ModelCheckpoint } from './model-checkpoint';
import type { RoundRecord } from './round-record';

/**
 * Where the coordinator keeps what must survive it: model versions and the round log.
 * The coordinator talks to nothing else for durable state, so an implementation backed by
 * SQLite, Redis (several coordinator processes) or memory can be swapped in.
 *
 * Implementers must make {@link RoundStore.commitRound} atomic: after a crash either both the
 * record and the checkpoint are visible or neither is.
 *
 * @example
 * const store = new MemoryRoundStore();
 * await store.commitRound(record, { version: 1, weights, createdAt: Date.now() });
 * (await store.latestCheckpoint())?.version; // 1
 */
export interface RoundStore {
  /** The checkpoint with the highest version, or undefined when none was committed. */
  latestCheckpoint(): Promise<ModelCheckpoint | undefined>;
  /** A checkpoint by version. */
  checkpoint(version: number): Promise<ModelCheckpoint | undefined>;
  /** Stores the initial model (version 0); only valid while the store holds no checkpoint. */
  putInitialCheckpoint(checkpoint: ModelCheckpoint): Promise<void>;
  /** Records an attempt; with a checkpoint, its version must be one above the latest. */
  commitRound(record: RoundRecord, checkpoint?: ModelCheckpoint): Promise<void>;
  /** The round log, oldest first. */
  rounds(): Promise<RoundRecord[]>;
  close(): Promise<void>;
}
