import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FederatedClient } from '@edgefl/client';
import { SqliteRoundStore } from '@edgefl/coordinator-store/node';
import type { CoordinatorProcess } from './support/coordinator-restart';
import { killAndResume } from './support/kill-and-resume';

describe('coordinator restart on a durable state dir', () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'edgefl-restart-'));
  const processes: CoordinatorProcess[] = [];
  const clients: FederatedClient[] = [];

  afterAll(async () => {
    for (const client of clients) client.stop();
    await Promise.all(processes.map((p) => p.kill()));
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('is SIGKILLed mid-round, resumes from the last committed model bit for bit, and the clients finish the run', async () => {
    await killAndResume({
      state: ['--state-dir', stateDir],
      extra: ['--no-secure'],
      openStore: async () => new SqliteRoundStore(join(stateDir, SqliteRoundStore.FILE_NAME), { readonly: true }),
      rounds: 6,
      killedRound: 3,
      processes,
      clients,
    });
  });
});
