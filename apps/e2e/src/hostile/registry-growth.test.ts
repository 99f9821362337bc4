import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FederatedClient } from '@edgefl/client';
import { SqliteRoundStore } from '@edgefl/coordinator-store/node';
import { ConstantTrainer } from '../support/constant-trainer';
import { connectRaw, rawHello, sendRaw } from '../support/raw-socket';
import { startCoordinator } from '../support/start-coordinator';
import { tinyDataset } from '../support/tiny-dataset';

const CAP = 20;
const REGISTRATIONS = 200;

describe('hostile network, item 9: an open coordinator keeps its client registry bounded', () => {
  it(`${REGISTRATIONS} anonymous registrations against a cap of ${CAP} leave at most 1.1 x ${CAP} clients in the SQLite registry; the run goes on`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'edgefl-registry-'));
    const store = SqliteRoundStore.open(dir);
    const { coordinator, url } = await startCoordinator(
      { secure: false, rounds: 1, clientsPerRound: 1, overSelection: 1, minReports: 1, roundTimeoutMs: 30_000 },
      { clients: store, enrollment: { mode: 'open', registry: { maxClients: CAP } } },
    );
    const honest = new FederatedClient({
      url,
      data: tinyDataset(4),
      clientId: 'honest',
      trainer: new ConstantTrainer(0.01),
    });
    try {
      const honestRun = honest.run();
      expect(await coordinator.waitForClients(1, 10_000)).toBe(true);
      for (let i = 0; i < REGISTRATIONS; i++) {
        const socket = await connectRaw(url);
        expect(await sendRaw(socket, 'hello', rawHello())).toMatchObject({ type: 'welcome' });
        socket.disconnect();
      }
      const registered = await store.listClients();
      expect(registered.length).toBeGreaterThanOrEqual(CAP);
      expect(registered.length).toBeLessThanOrEqual(CAP * 1.1);
      // The honest client was forgotten (least recently seen) but its live session is untouched.
      expect(await coordinator.run()).toMatchObject({ reason: 'completed', modelVersion: 1 });
      expect((await honestRun).reason).toBe('completed');
    } finally {
      honest.stop();
      await coordinator.close(0);
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
