import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { RoundRecord } from './round-record';
import { SqliteRoundStore } from './sqlite-round-store';
import { SQLITE_SCHEMA_MIGRATIONS } from './sqlite-schema-migrations';
import { describeClientRegistryContract } from './testing/client-registry-contract';
import { describeRoundStoreContract } from './testing/round-store-contract';
import { float32Bits, roundRecordFixture } from './testing/round-record-fixture';

const dir = mkdtempSync(join(tmpdir(), 'edgefl-sqlite-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeRoundStoreContract('SqliteRoundStore', async (key) => new SqliteRoundStore(join(dir, `${key}.sqlite`)), {
  survivesReopen: true,
});
let registries = 0;
describeClientRegistryContract(
  'SqliteRoundStore',
  async () => new SqliteRoundStore(join(dir, `registry-${registries++}.sqlite`)),
);

const record = roundRecordFixture;
const bits = float32Bits;

describe('SqliteRoundStore', () => {
  it('open(dir) creates the directory and edgefl.sqlite in WAL mode with synchronous=FULL', async () => {
    const stateDir = join(dir, 'nested', 'state');
    const store = SqliteRoundStore.open(stateDir);
    expect(existsSync(join(stateDir, 'edgefl.sqlite'))).toBe(true);
    expect(store.schemaVersion()).toBe(SQLITE_SCHEMA_MIGRATIONS[SQLITE_SCHEMA_MIGRATIONS.length - 1].version);
    await store.close();
    const raw = new Database(join(stateDir, 'edgefl.sqlite'), { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
    // synchronous is per connection: check the store's own setting through a fresh store.
    const again = SqliteRoundStore.open(stateDir);
    expect((again as unknown as { db: Database.Database }).db.pragma('synchronous', { simple: true })).toBe(2);
    await again.close();
  });

  it('preserves NaN payloads, signalling NaNs, -0 and subnormals bit for bit', async () => {
    const store = new SqliteRoundStore(join(dir, 'bits.sqlite'));
    const patterns = Uint32Array.of(0x7fc00001, 0xffa5a5a5, 0x7f800001, 0x80000000, 0x00000001, 0xff800000, 0x3f800000);
    // A view at an odd float offset of a larger buffer: the store must copy only the viewed bytes.
    const backing = new Uint32Array(patterns.length + 2);
    backing.set(patterns, 1);
    const weights = new Float32Array(backing.buffer, 4, patterns.length);
    await store.putInitialCheckpoint({ version: 0, weights, createdAt: 1 });
    await store.commitRound(record(1, 'completed', 1), { version: 1, weights, createdAt: 2 });
    await store.close();
    const reopened = new SqliteRoundStore(join(dir, 'bits.sqlite'), { readonly: true });
    expect(bits((await reopened.checkpoint(0))?.weights)).toEqual(Array.from(patterns));
    expect(bits((await reopened.latestCheckpoint())?.weights)).toEqual(Array.from(patterns));
    await reopened.close();
    const raw = new Database(join(dir, 'bits.sqlite'), { readonly: true });
    const blob = (raw.prepare('SELECT weights FROM checkpoints WHERE version = 1').get() as { weights: Buffer })
      .weights;
    raw.close();
    // Little-endian on disk whatever the host: the first value 0x7fc00001 starts with its low byte.
    expect(Array.from(blob.subarray(0, 4))).toEqual([0x01, 0x00, 0xc0, 0x7f]);
  });

  it('rolls back the record when the checkpoint insert fails inside commitRound', async () => {
    const path = join(dir, 'atomic.sqlite');
    const store = new SqliteRoundStore(path);
    await store.putInitialCheckpoint({ version: 0, weights: Float32Array.of(1, 2), createdAt: 1 });
    await store.commitRound(record(1, 'abandoned', 0));
    // A second connection makes the checkpoint insert fail the way a full disk would: after the record went in.
    const saboteur = new Database(path);
    saboteur.exec(
      "CREATE TRIGGER sabotage BEFORE INSERT ON checkpoints BEGIN SELECT RAISE(ABORT, 'disk full (simulated)'); END",
    );
    await expect(
      store.commitRound(record(1, 'completed', 1), { version: 1, weights: Float32Array.of(3, 4), createdAt: 2 }),
    ).rejects.toThrow(/disk full/);
    expect((await store.rounds()).map((r) => r.outcome)).toEqual(['abandoned']);
    expect((await store.latestCheckpoint())?.version).toBe(0);
    saboteur.exec('DROP TRIGGER sabotage');
    saboteur.close();
    await store.commitRound(record(1, 'completed', 1), { version: 1, weights: Float32Array.of(3, 4), createdAt: 2 });
    expect((await store.rounds()).map((r) => r.outcome)).toEqual(['abandoned', 'completed']);
    await store.close();
  });

  it('checks the version inside the transaction: two processes on one file cannot both commit version 1', async () => {
    const path = join(dir, 'two-writers.sqlite');
    const first = new SqliteRoundStore(path);
    const second = new SqliteRoundStore(path);
    await first.putInitialCheckpoint({ version: 0, weights: Float32Array.of(0), createdAt: 1 });
    await expect(
      second.putInitialCheckpoint({ version: 0, weights: Float32Array.of(0), createdAt: 1 }),
    ).rejects.toThrow(/already/);
    await first.commitRound(record(1, 'completed', 1), { version: 1, weights: Float32Array.of(1), createdAt: 2 });
    await expect(
      second.commitRound(record(1, 'completed', 1), { version: 1, weights: Float32Array.of(9), createdAt: 2 }),
    ).rejects.toThrow(/checkpoint\.version must be 2/);
    expect(await second.rounds()).toHaveLength(1);
    expect(Array.from((await second.latestCheckpoint())?.weights ?? [])).toEqual([1]);
    await first.close();
    await second.close();
  });

  it('refuses a second completed record of the same round of a run', async () => {
    const store = new SqliteRoundStore(join(dir, 'once.sqlite'));
    await store.putInitialCheckpoint({ version: 0, weights: Float32Array.of(0), createdAt: 1 });
    await store.commitRound(record(1, 'completed', 1), { version: 1, weights: Float32Array.of(1), createdAt: 2 });
    await expect(
      store.commitRound(record(1, 'completed', 2, { attempt: 2 }), {
        version: 2,
        weights: Float32Array.of(2),
        createdAt: 3,
      }),
    ).rejects.toThrow(/UNIQUE/);
    expect((await store.latestCheckpoint())?.version).toBe(1);
    await store.close();
  });

  it('keeps optional fields absent and present exactly as given', async () => {
    const store = new SqliteRoundStore(join(dir, 'optional.sqlite'));
    await store.putInitialCheckpoint({ version: 0, weights: Float32Array.of(0), createdAt: 1 });
    const abandoned = record(1, 'abandoned', 0, { reason: 'too few reports', participants: 1, durationMs: 5000.5 });
    const completed = record(1, 'completed', 1, {
      attempt: 2,
      roundId: 'run/1/2',
      accuracy: 0.875,
      loss: 0.3,
      trainLoss: 0.25,
    });
    await store.commitRound(abandoned);
    await store.commitRound(completed, { version: 1, weights: Float32Array.of(1), createdAt: 2 });
    const rounds = await store.rounds();
    expect(rounds).toStrictEqual([abandoned, completed]);
    await store.close();
  });

  it('names the bad argument', async () => {
    const store = new SqliteRoundStore(join(dir, 'arguments.sqlite'));
    expect(() => new SqliteRoundStore('')).toThrow(/path/);
    expect(() => SqliteRoundStore.open('')).toThrow(/dir/);
    await expect(
      store.putInitialCheckpoint({ version: 0, weights: [1] as unknown as Float32Array, createdAt: 1 }),
    ).rejects.toThrow(/checkpoint\.weights/);
    await expect(
      store.putInitialCheckpoint({ version: -1, weights: Float32Array.of(1), createdAt: 1 }),
    ).rejects.toThrow(/checkpoint\.version/);
    await expect(
      store.commitRound({ ...record(1, 'completed', 1), outcome: 'won' as RoundRecord['outcome'] }),
    ).rejects.toThrow(/record\.outcome/);
    await expect(store.commitRound({ ...record(1, 'completed', 1), participants: 1.5 })).rejects.toThrow(
      /record\.participants/,
    );
    await expect(store.checkpoint(Number.NaN)).rejects.toThrow(/version/);
    await expect(store.registerClient('')).rejects.toThrow(/clientId/);
    await expect(store.registerClient('c', { identityKey: new Uint8Array(0) })).rejects.toThrow(/options\.identityKey/);
    await store.close();
  });

  it('registers clients, pins the first identity key and survives a reopen', async () => {
    const path = join(dir, 'clients.sqlite');
    const store = new SqliteRoundStore(path);
    const key = Uint8Array.from({ length: 32 }, (_, i) => i);
    expect(await store.registerClient('phone-b', { at: 100 })).toEqual({
      clientId: 'phone-b',
      enrolledAt: 100,
      lastSeenAt: 100,
    });
    const enrolled = await store.registerClient('phone-a', { identityKey: key, at: 200 });
    expect(enrolled).toEqual({ clientId: 'phone-a', identityKey: key, enrolledAt: 200, lastSeenAt: 200 });
    if (enrolled.identityKey) enrolled.identityKey[0] = 99;
    // Seen again: last_seen moves, enrollment and key stay; a different key is refused.
    expect(await store.registerClient('phone-a', { at: 300 })).toEqual({
      clientId: 'phone-a',
      identityKey: key,
      enrolledAt: 200,
      lastSeenAt: 300,
    });
    await expect(store.registerClient('phone-a', { identityKey: new Uint8Array(32), at: 400 })).rejects.toThrow(
      /identityKey/,
    );
    expect((await store.getClient('phone-a'))?.lastSeenAt).toBe(300);
    // A client enrolled without a key gets one pinned the first time it presents one.
    expect((await store.registerClient('phone-b', { identityKey: key, at: 500 })).identityKey).toEqual(key);
    await store.close();
    const reopened = new SqliteRoundStore(path);
    expect(await reopened.getClient('nobody')).toBeUndefined();
    expect(
      (await reopened.listClients()).map((c) => [c.clientId, c.enrolledAt, c.lastSeenAt, c.identityKey?.length]),
    ).toEqual([
      ['phone-b', 100, 500, 32],
      ['phone-a', 200, 300, 32],
    ]);
    await reopened.close();
  });

  it('migrates a file written at schema version 1 without losing its rounds or models', async () => {
    const path = join(dir, 'v1.sqlite');
    // What a version-1 coordinator left on disk, written by hand from the frozen version-1 migration.
    const old = new Database(path);
    old.pragma('journal_mode = WAL');
    old.exec(
      'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at INTEGER NOT NULL)',
    );
    old.exec(SQLITE_SCHEMA_MIGRATIONS[0].sql);
    old.prepare('INSERT INTO schema_migrations VALUES (1, ?, 1)').run(SQLITE_SCHEMA_MIGRATIONS[0].description);
    old.prepare('INSERT INTO checkpoints VALUES (0, ?, 1)').run(Buffer.from(Float32Array.of(1.5, -2).buffer));
    old
      .prepare(
        `INSERT INTO rounds (run_id, round, attempt, round_id, outcome, model_version, selected, participants, dropped, rejected,
           bytes_up, bytes_down, started_at, duration_ms) VALUES ('run', 1, 1, 'run/1/1', 'abandoned', 0, 3, 1, 2, 0, 5, 6, 7, 8)`,
      )
      .run();
    old.close();

    expect(() => new SqliteRoundStore(path, { readonly: true })).toThrow(/schema version 1/);
    const store = new SqliteRoundStore(path);
    expect(store.schemaVersion()).toBe(3);
    expect(Array.from((await store.latestCheckpoint())?.weights ?? [])).toEqual([1.5, -2]);
    expect(await store.rounds()).toEqual([
      {
        ...record(1, 'abandoned', 0),
        participants: 1,
        dropped: 2,
        bytesUp: 5,
        bytesDown: 6,
        startedAt: 7,
        durationMs: 8,
      },
    ]);
    await store.registerClient('c1', { at: 1 });
    await store.commitRound(record(1, 'completed', 1), { version: 1, weights: Float32Array.of(0), createdAt: 2 });
    await store.close();
  });

  it('refuses a file from a newer coordinator instead of guessing its schema', async () => {
    const path = join(dir, 'future.sqlite');
    const store = new SqliteRoundStore(path);
    await store.close();
    const raw = new Database(path);
    raw.prepare("INSERT INTO schema_migrations VALUES (99, 'from the future', 1)").run();
    raw.close();
    expect(() => new SqliteRoundStore(path)).toThrow(/schema version 99 is newer/);
  });
});
