import { Coordinator } from '@edgefl/coordinator';
import type { RoundRecord } from '@edgefl/coordinator-store';
import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import { createDashboard } from './create-dashboard';
import type { DashboardOptions } from './create-dashboard';
import type { DashboardServerEvents, DashboardSnapshot } from './dashboard-events';

type Viewer = Socket<DashboardServerEvents, Record<string, never>>;

async function start(options: DashboardOptions = {}) {
  const coordinator = new Coordinator({ config: { secure: false, port: 0, host: '127.0.0.1', rounds: 3 } });
  const dashboard = createDashboard(coordinator, options);
  coordinator.addHttpHandler(dashboard.httpHandler);
  const { url } = await coordinator.listen();
  return { coordinator, dashboard, url };
}

function viewer(url: string, token?: string): Viewer {
  return io(`${url}/dashboard`, {
    transports: ['websocket'],
    reconnection: false,
    auth: token === undefined ? {} : { token },
  });
}

function next<E extends keyof DashboardServerEvents>(
  socket: Viewer,
  event: E,
): Promise<Parameters<DashboardServerEvents[E]>[0]> {
  return new Promise((resolve) => socket.once(event as 'snapshot', resolve as (s: DashboardSnapshot) => void));
}

const record: RoundRecord = {
  runId: 'run',
  round: 1,
  attempt: 1,
  roundId: 'run-1-1',
  outcome: 'completed',
  modelVersion: 1,
  selected: 3,
  participants: 2,
  dropped: 1,
  rejected: 0,
  bytesUp: 1000,
  bytesDown: 2000,
  startedAt: 0,
  durationMs: 12,
  accuracy: 0.4,
  loss: 1.5,
};

describe('createDashboard', () => {
  it('serves the page and its two libraries from node_modules', async () => {
    const { coordinator, url } = await start();
    try {
      const page = await fetch(`${url}/`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(await page.text()).toContain('id="accuracy-chart"');
      const chartJs = await fetch(`${url}/dashboard/chart.js`);
      expect(chartJs.status).toBe(200);
      expect(await chartJs.text()).toMatch(/Chart/);
      const socketIo = await fetch(`${url}/dashboard/socket.io.js`);
      expect(await socketIo.text()).toMatch(/io/);
      const app = await fetch(`${url}/dashboard/app.js`);
      expect(await app.text()).toContain('__edgefl');
      expect((await fetch(`${url}/nothing-here`)).status).toBe(404);
      expect((await fetch(`${url}/api/status`)).status).toBe(200);
    } finally {
      await coordinator.close();
    }
  });

  it('sends a snapshot with the history so far, then pushes events live', async () => {
    const { coordinator, url } = await start();
    const socket = viewer(url);
    try {
      coordinator.emit('evaluation', { modelVersion: 0, accuracy: 0.1, loss: 2.3 });
      const snapshot = await next(socket, 'snapshot');
      expect(snapshot).toMatchObject({
        current: null,
        rounds: [],
        evaluations: [{ modelVersion: 0, accuracy: 0.1, loss: 2.3 }],
        rejectedTotal: 0,
      });
      expect(snapshot.status).toMatchObject({ rounds: 3, stage: 'idle', clientsConnected: 0 });

      const roundStart = next(socket, 'round-start');
      coordinator.emit('round-start', { round: 1, attempt: 1, roundId: 'run-1-1', cohort: 3 });
      expect(await roundStart).toEqual({ round: 1, attempt: 1, roundId: 'run-1-1', cohort: 3 });
      const roundEnd = next(socket, 'round-end');
      coordinator.emit('round-end', record);
      expect(await roundEnd).toEqual(record);
      const rejected = next(socket, 'rejected');
      coordinator.emit('rejected', { clientId: 'c1', code: 'INVALID_MESSAGE', message: 'bad' });
      expect(await rejected).toEqual({ code: 'INVALID_MESSAGE', total: 1 });
      const clients = next(socket, 'clients');
      coordinator.emit('client-connected', { clientId: 'c1', connected: 1 });
      expect(await clients).toEqual({ connected: 1 });
      const runEnd = next(socket, 'run-end');
      coordinator.emit('run-end', {
        runId: 'run',
        reason: 'completed',
        modelVersion: 1,
        roundsCompleted: 1,
        weights: new Float32Array(4),
      });
      expect(await runEnd).toEqual({ reason: 'completed', modelVersion: 1, roundsCompleted: 1 });

      const late = viewer(url);
      const lateSnapshot = await next(late, 'snapshot');
      late.close();
      expect(lateSnapshot.rounds).toEqual([record]);
      expect(lateSnapshot).toMatchObject({ rejectedTotal: 1, runEnd: { reason: 'completed' } });
    } finally {
      socket.close();
      await coordinator.close();
    }
  });

  it('with an admin token, refuses the page and the feed to whoever lacks it', async () => {
    const { coordinator, url } = await start({ adminToken: 's3cret' });
    try {
      const refused = await fetch(`${url}/`);
      expect(refused.status).toBe(401);
      expect(await refused.text()).not.toContain('s3cret');
      expect((await fetch(`${url}/?token=wrong`)).status).toBe(401);
      expect((await fetch(`${url}/?token=s3cret`)).status).toBe(200);
      expect((await fetch(`${url}/`, { headers: { authorization: 'Bearer s3cret' } })).status).toBe(200);

      const anonymous = viewer(url, 'wrong');
      const error = await new Promise<Error>((resolve) => anonymous.once('connect_error', resolve));
      anonymous.close();
      expect(error.message).toBe('unauthorized');
      const admin = viewer(url, 's3cret');
      const snapshot = await next(admin, 'snapshot');
      admin.close();
      expect(snapshot.status.rounds).toBe(3);
    } finally {
      await coordinator.close();
    }
  });

  it('stops feeding viewers once closed', async () => {
    const coordinator = new Coordinator({ config: { secure: false, port: 0, host: '127.0.0.1', rounds: 3 } });
    const before = coordinator.listenerCount('round-end');
    const dashboard = createDashboard(coordinator);
    try {
      expect(coordinator.listenerCount('round-end')).toBeGreaterThan(before);
      dashboard.close();
      expect(coordinator.listenerCount('round-end')).toBe(before);
    } finally {
      await coordinator.close();
    }
  });

  it('names bad arguments', () => {
    expect(() => createDashboard(null as unknown as Coordinator)).toThrow(/coordinator/);
    const coordinator = new Coordinator({ config: { secure: false, port: 0 } });
    expect(() => createDashboard(coordinator, { adminToken: '' })).toThrow(/options\.adminToken/);
    expect(() => createDashboard(coordinator, { historyLimit: 0 })).toThrow(/options\.historyLimit/);
    expect(() => createDashboard(coordinator, { maxSubscribers: 0 })).toThrow(/options\.maxSubscribers/);
  });
});
