import { createDashboard } from '@edgefl/dashboard';
import { rawConnect, rawHello, sendRaw } from '../support/raw-socket';
import type { ConnectOutcome } from '../support/raw-socket';
import { startCoordinator } from '../support/start-coordinator';

const BAD_HELLOS_PER_SOCKET = 25;
const ATTACKERS = 4;

/**
 * Issue 15, item 6: dashboard subscribers were never closed nor capped, and every rejection went
 * to every subscriber as its own frame. Now viewers are capped, an accepted viewer stops counting
 * as a pending connection, and client counts and rejection totals go out batched.
 */
describe('hostile network: dashboard subscribers (issue 15, item 6)', () => {
  it('caps viewers, admits the accepted ones, and batches the rejection feed', async () => {
    const { coordinator, url } = await startCoordinator({ secure: false, rounds: 1 });
    const dashboard = createDashboard(coordinator, { maxSubscribers: 3 });
    const opened: ConnectOutcome[] = [];
    try {
      const viewers: ConnectOutcome[] = [];
      for (let i = 0; i < 4; i++) viewers.push(await rawConnect(`${url}/dashboard`));
      opened.push(...viewers);
      expect(viewers.map((viewer) => viewer.connected)).toEqual([true, true, true, false]);
      const refused = viewers[3];
      expect(refused.connected ? '' : refused.error).toMatch(/too-many-subscribers/);
      expect(coordinator.io.of('/dashboard').sockets.size).toBe(3);
      // Accepted viewers no longer count against the pre-enrollment caps (nor their timeout):
      // only the refused viewer's connection does, until it leaves or times out.
      expect(coordinator.connections.pending).toBe(1);

      const watcher = viewers[0].socket;
      const frames: number[] = [];
      const total = ATTACKERS * BAD_HELLOS_PER_SOCKET;
      const sawAll = new Promise<void>((resolve) => {
        watcher.on('rejected', (info: { total: number }) => {
          frames.push(info.total);
          if (info.total >= total) resolve();
        });
      });
      const attackers: ConnectOutcome[] = [];
      for (let i = 0; i < ATTACKERS; i++) attackers.push(await rawConnect(url));
      opened.push(...attackers);
      await Promise.all(
        attackers.map(async ({ socket }) => {
          for (let i = 0; i < BAD_HELLOS_PER_SOCKET; i++) {
            expect(await sendRaw(socket, 'hello', rawHello({ protocolVersions: 'bad' }))).toMatchObject({
              type: 'error',
              code: 'invalid-message',
            });
          }
        }),
      );
      await sawAll;
      // One hundred rejections reach a viewer as a handful of coalesced totals, not 100 frames.
      expect(frames.length).toBeLessThanOrEqual(total / 10);
      expect(frames[frames.length - 1]).toBe(total);
    } finally {
      for (const outcome of opened) outcome.socket.close();
      dashboard.close();
      await coordinator.close();
    }
  });
});
