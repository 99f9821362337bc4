/** One step of the SQLite schema: applied once, in order, inside the transaction that records it. */
export interface SqliteSchemaMigration {
  version: number;
  description: string;
  sql: string;
}

/**
 * The SQLite schema of {@link SqliteRoundStore}, oldest first. Never edit a released step: files
 * written by older coordinators are brought up to date by replaying the steps they lack.
 *
 * @example
 * SQLITE_SCHEMA_MIGRATIONS[SQLITE_SCHEMA_MIGRATIONS.length - 1].version; // the current schema version
 */
export const SQLITE_SCHEMA_MIGRATIONS: readonly SqliteSchemaMigration[] = [
  {
    version: 1,
    description: 'model checkpoints and the round log',
    sql: `
      CREATE TABLE checkpoints (
        version INTEGER PRIMARY KEY CHECK (version >= 0),
        -- raw little-endian float32 bytes, bit for bit what the coordinator aggregated
        weights BLOB NOT NULL CHECK (length(weights) % 4 = 0),
        created_at INTEGER NOT NULL
      );
      CREATE TABLE rounds (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        run_id TEXT NOT NULL,
        round INTEGER NOT NULL,
        attempt INTEGER NOT NULL,
        round_id TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('completed', 'abandoned')),
        reason TEXT,
        model_version INTEGER NOT NULL,
        selected INTEGER NOT NULL,
        participants INTEGER NOT NULL,
        dropped INTEGER NOT NULL,
        rejected INTEGER NOT NULL,
        bytes_up INTEGER NOT NULL,
        bytes_down INTEGER NOT NULL,
        started_at INTEGER NOT NULL,
        duration_ms INTEGER NOT NULL,
        accuracy REAL,
        loss REAL,
        train_loss REAL
      );
      -- a round completes once per run: a replayed commit after a restart must fail, not duplicate it
      CREATE UNIQUE INDEX rounds_completed_once ON rounds (run_id, round) WHERE outcome = 'completed';
    `,
  },
  {
    version: 2,
    description: 'client registry for authentication',
    sql: `
      CREATE TABLE clients (
        client_id TEXT PRIMARY KEY,
        identity_key BLOB,
        enrolled_at INTEGER NOT NULL,
        last_seen_at INTEGER NOT NULL
      );
    `,
  },
  {
    version: 3,
    description: 'client registry expiry (open coordinators keep it bounded)',
    sql: `
      CREATE INDEX clients_last_seen ON clients (last_seen_at);
    `,
  },
];
