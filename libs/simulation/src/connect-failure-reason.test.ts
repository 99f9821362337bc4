import { createServer } from 'node:net';
import { FederatedClient, ErrorCode } from '@edgefl/client';
import { Coordinator } from '@edgefl/coordinator';
import { connectFailureReason } from './connect-failure-reason';
import { LightTrainer } from './light-trainer';

const DATA = {
  images: new Float32Array(64),
  labels: new Uint8Array(1),
  count: 1,
  shape: [8, 8, 1] as [number, number, number],
  classes: 10,
};

/** A FederatedClient's run() against `url` with no retries: what it rejects with. */
async function firstConnectError(url: string, token?: string): Promise<unknown> {
  const client = new FederatedClient({
    url,
    data: DATA,
    trainer: new LightTrainer(0),
    connection: { retries: 0, timeoutMs: 5_000 },
    ...(token === undefined ? {} : { token }),
  });
  return client.run().then(
    () => new Error('run() resolved'),
    (error: unknown) => error,
  );
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('connectFailureReason', () => {
  it('names a refused TCP connection by its system error code', async () => {
    expect(connectFailureReason(await firstConnectError(`http://127.0.0.1:${await closedPort()}`))).toBe(
      'ECONNREFUSED',
    );
  });

  it("names a coordinator's refusal of hello by its error code", async () => {
    const coordinator = new Coordinator({
      config: { secure: false, port: 0 },
      enrollment: { mode: 'token', token: 'right' },
    });
    try {
      const { url } = await coordinator.listen();
      expect(connectFailureReason(await firstConnectError(url, 'wrong'))).toBe(`refused: ${ErrorCode.Unauthorized}`);
    } finally {
      await coordinator.close(0);
    }
  });

  it("finds EMFILE inside socket.io's transport error (ws' error event), and names timeouts", () => {
    const emfile = Object.assign(new Error('connect EMFILE 127.0.0.1:7070 - Local (undefined:undefined)'), {
      code: 'EMFILE',
    });
    const transportError = Object.assign(new Error('websocket error'), {
      type: 'TransportError',
      description: { type: 'error', message: emfile.message, error: emfile },
    });
    expect(connectFailureReason(transportError)).toBe('EMFILE');
    expect(connectFailureReason(new Error('timeout'))).toBe('timeout');
    expect(connectFailureReason('something else')).toBe('something else');
  });
});
