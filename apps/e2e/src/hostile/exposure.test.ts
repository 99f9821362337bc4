import WebSocket from 'ws';
import { ErrorCode } from '@edgefl/protocol';
import { rawConnect, rawHello, sendRaw } from '../support/raw-socket';
import type { ConnectOutcome } from '../support/raw-socket';
import { startCoordinator } from '../support/start-coordinator';

const ADMIN = 'admin-token-for-tests';
const METRICS = 'metrics-token-for-tests';
const ENROLLMENT = 'enrollment-token-for-tests';

async function statusOf(url: string, path: string, token?: string): Promise<number> {
  const response = await fetch(`${url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  await response.arrayBuffer();
  return response.status;
}

/** Opens a raw engine.io WebSocket with the given Origin header (none when undefined): 'open' or the HTTP status it was refused with. */
function upgrade(url: string, origin: string | undefined): Promise<'open' | number> {
  const socket = new WebSocket(
    `${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`,
    origin === undefined ? {} : { origin },
  );
  return new Promise((resolve, reject) => {
    socket.once('open', () => {
      socket.close();
      resolve('open');
    });
    socket.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('error', (error) => {
      if (!/Unexpected server response/.test(error.message)) reject(error);
    });
  });
}

/**
 * Issue 15, item 10: with an admin token, /metrics and /api/status were public; any web page
 * could open a WebSocket to a local coordinator; wrong tokens were not throttled across
 * connections.
 */
describe('hostile network: exposure (issue 15, item 10)', () => {
  it('guards /metrics and /api/status with the admin token, refuses foreign origins, and throttles failed authentication per address', async () => {
    const { coordinator, url } = await startCoordinator(
      { secure: false, rounds: 1 },
      {
        access: { adminToken: ADMIN, metricsToken: METRICS },
        enrollment: { mode: 'token', token: ENROLLMENT },
        edge: { maxAuthFailures: 5 },
      },
    );
    const opened: ConnectOutcome[] = [];
    try {
      expect(await statusOf(url, '/healthz')).toBe(200);
      expect(await statusOf(url, '/metrics')).toBe(401);
      expect(await statusOf(url, '/api/status')).toBe(401);
      expect(await statusOf(url, '/api/status', 'wrong')).toBe(401);
      expect(await statusOf(url, '/metrics', ADMIN)).toBe(200);
      expect(await statusOf(url, '/metrics', METRICS)).toBe(200);
      expect(await statusOf(url, '/api/status', METRICS)).toBe(401);
      expect(await statusOf(url, '/api/status', ADMIN)).toBe(200);

      expect(await upgrade(url, undefined)).toBe('open');
      expect(await upgrade(url, url)).toBe('open');
      // engine.io answers a refused WebSocket upgrade with 400.
      expect(await upgrade(url, 'http://evil.example')).toBe(400);
      expect(coordinator.connections.refusals['origin-not-allowed']).toBe(1);

      // Five wrong tokens, each on a fresh connection, use up this address's failures...
      for (let i = 0; i < 5; i++) {
        const attempt = await rawConnect(url);
        opened.push(attempt);
        expect(await sendRaw(attempt.socket, 'hello', rawHello({ token: `guess-${i}` }))).toMatchObject({
          code: ErrorCode.Unauthorized,
        });
      }
      // ...so even the right token is refused from it now, at the handshake.
      const after = await rawConnect(url);
      opened.push(after);
      expect(after.connected).toBe(false);
      expect(coordinator.connections.refusals['auth-throttled']).toBe(1);
    } finally {
      for (const outcome of opened) outcome.socket.close();
      await coordinator.close();
    }
  });
});
