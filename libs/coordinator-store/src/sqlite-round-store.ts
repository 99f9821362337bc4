import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import { assertExpireOptions, assertRegisterArguments } from './assert-client-registry-arguments';
import type { ClientRegistryStore } from './client-registry-store';
import type { ModelCheckpoint } from './model-checkpoint';
import type { RegisteredClient } from './registered-client';
import type { RoundRecord } from './round-record';
import type { RoundStore } from './round-store';
import { SQLITE_SCHEMA_MIGRATIONS } from './sqlite-schema-migrations';
import { assertCheckpoint, assertRoundRecord } from './assert-round-store-arguments';
import { float32ToLittleEndianBytes, littleEndianBytesToFloat32 } from './float32-bytes';

/** How to open a {@link SqliteRoundStore}. */
export interface SqliteRoundStoreOptions {
  /** Opens an existing file without writing to it (inspection, tests); it must hold the current schema. */
  readonly?: boolean;
}

interface CheckpointRow {
  version: number;
  weights: Uint8Array;
  created_at: number;
}

interface RoundRow {
  run_id: string;
  round: number;
  attempt: number;
  round_id: string;
  outcome: RoundRecord['outcome'];
  reason: string | null;
  model_version: number;
  selected: number;
  participants: number;
  dropped: number;
  rejected: number;
  bytes_up: number;
  bytes_down: number;
  started_at: number;
  duration_ms: number;
  accuracy: number | null;
  loss: number | null;
  train_loss: number | null;
}

interface ClientRow {
  client_id: string;
  identity_key: Uint8Array | null;
  enrolled_at: number;
  last_seen_at: number;
}

const CURRENT_SCHEMA_VERSION = SQLITE_SCHEMA_MIGRATIONS[SQLITE_SCHEMA_MIGRATIONS.length - 1].version;

/**
 * A {@link RoundStore} and {@link ClientRegistryStore} in one SQLite file, so a coordinator that
 * crashes or restarts resumes from its last committed model.
 *
 * Durability: WAL journal with `synchronous=FULL`, so every committed round is fsynced before
 * `commitRound` resolves and survives a power cut, not only a process crash (NORMAL would only risk
 * the last commits on power loss; at one commit per round the extra fsync costs nothing that matters).
 * `commitRound` is one IMMEDIATE transaction that checks the version, appends the record and inserts
 * the checkpoint: after any crash both are visible or neither is, and two processes on one file
 * cannot both commit the same version. Weights are stored as raw little-endian float32 bytes, bit
 * for bit (NaN payloads and -0 included). NaN metrics (accuracy, loss) read back as absent, because
 * SQLite stores a NaN REAL as NULL.
 *
 * @example
 * const store = SqliteRoundStore.open('/var/lib/edgefl'); // creates /var/lib/edgefl/edgefl.sqlite
 * const coordinator = new Coordinator({ config, store });
 * await coordinator.run(); // resumes from store.latestCheckpoint() after a restart
 * await store.close();
 */
export class SqliteRoundStore implements RoundStore, ClientRegistryStore {
  /** The file {@link SqliteRoundStore.open} keeps in its directory. */
  static readonly FILE_NAME = 'edgefl.sqlite';

  private readonly db: SqliteDatabase;

  /**
   * Opens (creating it when missing, unless read-only) the SQLite file at `path` and migrates it to
   * the current schema.
   */
  constructor(
    readonly path: string,
    options: SqliteRoundStoreOptions = {},
  ) {
    if (typeof path !== 'string' || path.length === 0) throw new TypeError('path must be a non-empty string');
    if (typeof options !== 'object' || options === null) throw new TypeError('options must be an object');
    const readonly = options.readonly === true;
    this.db = new Database(path, { readonly, fileMustExist: readonly });
    try {
      if (readonly) {
        const version = this.schemaVersion();
        if (version !== CURRENT_SCHEMA_VERSION) {
          throw new Error(
            `${path}: schema version ${version} cannot be opened read-only (this build needs ${CURRENT_SCHEMA_VERSION})`,
          );
        }
      } else {
        this.db.pragma('journal_mode = WAL');
        this.db.pragma('synchronous = FULL');
        this.migrate();
      }
    } catch (error) {
      this.db.close();
      throw error;
    }
  }

  /**
   * Opens `<dir>/edgefl.sqlite`, creating the directory and the file when missing.
   *
   * @example
   * const store = SqliteRoundStore.open('./state');
   */
  static open(dir: string, options: SqliteRoundStoreOptions = {}): SqliteRoundStore {
    if (typeof dir !== 'string' || dir.length === 0) throw new TypeError('dir must be a non-empty string');
    if (!options.readonly) mkdirSync(dir, { recursive: true });
    return new SqliteRoundStore(join(dir, SqliteRoundStore.FILE_NAME), options);
  }

  /** The schema version of the open file (0 for a file this store never initialised). */
  schemaVersion(): number {
    const table = this.db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
      .get();
    if (!table) return 0;
    const row = this.db.prepare('SELECT max(version) AS version FROM schema_migrations').get() as {
      version: number | null;
    };
    return row.version ?? 0;
  }

  async latestCheckpoint(): Promise<ModelCheckpoint | undefined> {
    const row = this.db
      .prepare('SELECT version, weights, created_at FROM checkpoints ORDER BY version DESC LIMIT 1')
      .get() as CheckpointRow | undefined;
    return row && toCheckpoint(row);
  }

  async checkpoint(version: number): Promise<ModelCheckpoint | undefined> {
    if (!Number.isInteger(version)) throw new TypeError(`version must be an integer, got ${String(version)}`);
    const row = this.db
      .prepare('SELECT version, weights, created_at FROM checkpoints WHERE version = ?')
      .get(version) as CheckpointRow | undefined;
    return row && toCheckpoint(row);
  }

  async putInitialCheckpoint(checkpoint: ModelCheckpoint): Promise<void> {
    assertCheckpoint(checkpoint, 'checkpoint');
    this.db
      .transaction(() => {
        if (this.db.prepare('SELECT 1 FROM checkpoints LIMIT 1').get()) {
          throw new Error('putInitialCheckpoint: the store already holds a model');
        }
        this.insertCheckpoint(checkpoint);
      })
      .immediate();
  }

  async commitRound(record: RoundRecord, checkpoint?: ModelCheckpoint): Promise<void> {
    assertRoundRecord(record);
    if (checkpoint !== undefined) assertCheckpoint(checkpoint, 'checkpoint');
    this.db
      .transaction(() => {
        if (checkpoint) {
          const latest = this.db.prepare('SELECT max(version) AS version FROM checkpoints').get() as {
            version: number | null;
          };
          const expected = latest.version === null ? 0 : latest.version + 1;
          if (checkpoint.version !== expected)
            throw new Error(`checkpoint.version must be ${expected}, got ${checkpoint.version}`);
        }
        // The record goes first: should the checkpoint insert fail, the rollback must take the record with it.
        this.db
          .prepare(
            `INSERT INTO rounds (run_id, round, attempt, round_id, outcome, reason, model_version, selected, participants,
               dropped, rejected, bytes_up, bytes_down, started_at, duration_ms, accuracy, loss, train_loss)
             VALUES (@runId, @round, @attempt, @roundId, @outcome, @reason, @modelVersion, @selected, @participants,
               @dropped, @rejected, @bytesUp, @bytesDown, @startedAt, @durationMs, @accuracy, @loss, @trainLoss)`,
          )
          .run({
            ...record,
            reason: record.reason ?? null,
            accuracy: record.accuracy ?? null,
            loss: record.loss ?? null,
            trainLoss: record.trainLoss ?? null,
          });
        if (checkpoint) this.insertCheckpoint(checkpoint);
      })
      .immediate();
  }

  async rounds(): Promise<RoundRecord[]> {
    const rows = this.db.prepare('SELECT * FROM rounds ORDER BY seq').all() as RoundRow[];
    return rows.map(toRoundRecord);
  }

  async registerClient(
    clientId: string,
    options: { identityKey?: Uint8Array; at?: number } = {},
  ): Promise<RegisteredClient> {
    const { identityKey, at } = assertRegisterArguments(clientId, options);
    return this.db
      .transaction((): RegisteredClient => {
        const existing = this.clientRow(clientId);
        const key = identityKey && Buffer.from(identityKey);
        if (!existing) {
          this.db
            .prepare('INSERT INTO clients (client_id, identity_key, enrolled_at, last_seen_at) VALUES (?, ?, ?, ?)')
            .run(clientId, key ?? null, at, at);
        } else {
          if (key && existing.identity_key && !key.equals(existing.identity_key)) {
            throw new Error(`options.identityKey does not match the key pinned for client ${clientId}`);
          }
          this.db
            .prepare(
              'UPDATE clients SET identity_key = coalesce(identity_key, ?), last_seen_at = max(last_seen_at, ?) WHERE client_id = ?',
            )
            .run(key ?? null, at, clientId);
        }
        const stored = this.clientRow(clientId);
        if (!stored) throw new Error(`client ${clientId} vanished inside its own transaction`);
        return toRegisteredClient(stored);
      })
      .immediate();
  }

  async getClient(clientId: string): Promise<RegisteredClient | undefined> {
    assertClientId(clientId);
    const row = this.clientRow(clientId);
    return row && toRegisteredClient(row);
  }

  async listClients(): Promise<RegisteredClient[]> {
    const rows = this.db.prepare('SELECT * FROM clients ORDER BY enrolled_at, client_id').all() as ClientRow[];
    return rows.map(toRegisteredClient);
  }

  async expireClients(options: { seenBefore: number; keep: number }): Promise<number> {
    const { seenBefore, keep } = assertExpireOptions(options);
    return this.db
      .transaction((): number => {
        const stale = this.db.prepare('DELETE FROM clients WHERE last_seen_at < ?').run(seenBefore).changes;
        const surplus = this.db
          .prepare(
            'DELETE FROM clients WHERE client_id IN (SELECT client_id FROM clients ORDER BY last_seen_at DESC, rowid DESC LIMIT -1 OFFSET ?)',
          )
          .run(keep).changes;
        return stale + surplus;
      })
      .immediate();
  }

  /** Closes the file; later calls throw. Closing twice is harmless. */
  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  private clientRow(clientId: string): ClientRow | undefined {
    return this.db.prepare('SELECT * FROM clients WHERE client_id = ?').get(clientId) as ClientRow | undefined;
  }

  private insertCheckpoint(checkpoint: ModelCheckpoint): void {
    this.db
      .prepare('INSERT INTO checkpoints (version, weights, created_at) VALUES (?, ?, ?)')
      .run(checkpoint.version, float32ToLittleEndianBytes(checkpoint.weights), checkpoint.createdAt);
  }

  private migrate(): void {
    this.db
      .transaction(() => {
        this.db.exec(
          'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at INTEGER NOT NULL)',
        );
        const current = this.schemaVersion();
        if (current > CURRENT_SCHEMA_VERSION) {
          throw new Error(
            `${this.path}: schema version ${current} is newer than this build understands (${CURRENT_SCHEMA_VERSION}); upgrade the coordinator`,
          );
        }
        for (const migration of SQLITE_SCHEMA_MIGRATIONS) {
          if (migration.version <= current) continue;
          this.db.exec(migration.sql);
          this.db
            .prepare('INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)')
            .run(migration.version, migration.description, Date.now());
        }
      })
      .immediate();
  }
}

function toCheckpoint(row: CheckpointRow): ModelCheckpoint {
  return { version: row.version, weights: littleEndianBytesToFloat32(row.weights), createdAt: row.created_at };
}

function toRoundRecord(row: RoundRow): RoundRecord {
  const record: RoundRecord = {
    runId: row.run_id,
    round: row.round,
    attempt: row.attempt,
    roundId: row.round_id,
    outcome: row.outcome,
    modelVersion: row.model_version,
    selected: row.selected,
    participants: row.participants,
    dropped: row.dropped,
    rejected: row.rejected,
    bytesUp: row.bytes_up,
    bytesDown: row.bytes_down,
    startedAt: row.started_at,
    durationMs: row.duration_ms,
  };
  if (row.reason !== null) record.reason = row.reason;
  if (row.accuracy !== null) record.accuracy = row.accuracy;
  if (row.loss !== null) record.loss = row.loss;
  if (row.train_loss !== null) record.trainLoss = row.train_loss;
  return record;
}

function toRegisteredClient(row: ClientRow): RegisteredClient {
  const client: RegisteredClient = {
    clientId: row.client_id,
    enrolledAt: row.enrolled_at,
    lastSeenAt: row.last_seen_at,
  };
  if (row.identity_key !== null) client.identityKey = Uint8Array.from(row.identity_key);
  return client;
}

function assertClientId(clientId: string): void {
  if (typeof clientId !== 'string' || clientId.length === 0) throw new TypeError('clientId must be a non-empty string');
}
