import { FederatedClient } from '@edgefl/client';
import { ConstantTrainer } from '../support/constant-trainer';
import { CoordinatorCli } from '../support/coordinator-cli';
import { disconnected, rawConnect } from '../support/raw-socket';
import type { ConnectOutcome } from '../support/raw-socket';
import { startCoordinator } from '../support/start-coordinator';
import { tinyDataset } from '../support/tiny-dataset';

/**
 * Issue 15, item 1: sockets that never enroll must not grow the coordinator's memory. socket.io
 * keeps a CONNECT packet's auth payload for the socket's life, so a big one is refused before it
 * is parsed; unenrolled connections stop at the per-address cap and are closed after the
 * enrollment timeout.
 */
describe('hostile network: unauthenticated connections (issue 15, item 1)', () => {
  it('refuses big CONNECT packets, caps unenrolled connections per address, closes them at the timeout, and still admits an honest client', async () => {
    const { coordinator, url } = await startCoordinator(
      { secure: false, rounds: 1, clientsPerRound: 1, minReports: 1, overSelection: 1 },
      { edge: { maxPendingPerAddress: 5, enrollmentTimeoutMs: 1_000 } },
    );
    const opened: ConnectOutcome[] = [];
    try {
      // 1 MiB of auth payload per socket: refused before JSON.parse, nothing kept.
      const big = await Promise.all(
        Array.from({ length: 4 }, () => rawConnect(url, { auth: { pad: 'A'.repeat(1 << 20) } })),
      );
      opened.push(...big);
      expect(big.map((outcome) => outcome.connected)).toEqual([false, false, false, false]);
      expect(coordinator.io.of('/').sockets.size).toBe(0);

      // Twelve silent sockets from one address: five are let in, seven refused at the handshake.
      const silent: ConnectOutcome[] = [];
      for (let i = 0; i < 12; i++) silent.push(await rawConnect(url));
      opened.push(...silent);
      const inside = silent.filter((outcome) => outcome.connected);
      expect(inside).toHaveLength(5);
      expect(
        silent.filter((outcome) => !outcome.connected).map((outcome) => (outcome.connected ? '' : outcome.error)),
      ).toEqual(Array(7).fill('websocket error'));
      expect(coordinator.connections.pending).toBe(5);
      expect(coordinator.io.engine.clientsCount).toBe(5);
      const metrics = await (await fetch(`${url}/metrics`)).text();
      expect(metrics).toContain('edgefl_connections{state="pending"} 5');
      expect(metrics).toContain('edgefl_handshakes_refused_total{reason="too-many-pending-from-address"} 7');

      // The enrollment timeout closes them; their slots come back.
      await Promise.all(inside.map((outcome) => disconnected(outcome.socket)));
      expect(coordinator.io.engine.clientsCount).toBe(0);
      expect(coordinator.connections.pending).toBe(0);

      const honest = new FederatedClient({
        url,
        data: tinyDataset(4),
        clientId: 'honest',
        trainer: new ConstantTrainer(0.01),
      });
      const summary = coordinator.run();
      await honest.run();
      expect((await summary).reason).toBe('completed');
      // Enrolled, so it no longer counted as pending while it was connected.
      expect(coordinator.connections.refusals['too-many-pending-from-address']).toBe(7);
    } finally {
      for (const outcome of opened) outcome.socket.close();
      await coordinator.close();
    }
  });

  it('holds the real CLI process to its default caps: a flood of big CONNECT packets and silent sockets leaves at most 128 pending from one address', async () => {
    // A long enrollment timeout: no silent socket leaves before the count, however slow the machine.
    const cli = new CoordinatorCli([
      '--rounds',
      '1',
      '--per-round',
      '1',
      '--min-reports',
      '1',
      '--enrollment-timeout',
      '600000',
    ]);
    const opened: ConnectOutcome[] = [];
    try {
      const url = await cli.ready;
      for (let wave = 0; wave < 5; wave++) {
        opened.push(
          ...(await Promise.all(
            Array.from({ length: 20 }, () => rawConnect(url, { auth: { pad: 'A'.repeat(1 << 20) } })),
          )),
        );
      }
      expect(opened.filter((outcome) => outcome.connected)).toHaveLength(0);
      const silent = await Promise.all(Array.from({ length: 200 }, () => rawConnect(url)));
      opened.push(...silent);
      expect(silent.filter((outcome) => outcome.connected)).toHaveLength(128);
      const metrics = await (await fetch(`${url}/metrics`)).text();
      expect(metrics).toContain('edgefl_connections{state="pending"} 128');
      expect(metrics).toContain('edgefl_handshakes_refused_total{reason="too-many-pending-from-address"} 72');
      expect(cli.running).toBe(true);
    } finally {
      for (const outcome of opened) outcome.socket.close();
      await cli.kill();
    }
  });
});
