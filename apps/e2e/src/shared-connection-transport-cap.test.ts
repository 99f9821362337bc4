import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import { FederatedClient } from '@edgefl/client';
import { createDashboard } from '@edgefl/dashboard';
import { modelParameterCount } from '@edgefl/protocol';
import type { ModelSpec } from '@edgefl/protocol';
import { ConstantTrainer } from './support/constant-trainer';
import { startCoordinator } from './support/start-coordinator';
import { tinyDataset } from './support/tiny-dataset';

/** 21,219 parameters: an 84,876-byte float32 update, above the 66,560-byte pre-enrollment transport cap. */
const MODEL: ModelSpec = { kind: 'separable-cnn', inputShape: [32, 32, 1], widths: [16, 32], classes: 10 };

// socket.io-client multiplexes the namespaces of one URL on one engine.io connection: the simulator's
// run observer (`/dashboard`) and its first client (`/`) share one. The viewer is admitted first, without
// raising the transport cap; the client's enrollment must still raise it, or its first update is refused
// by the WebSocket frame cap (close 1009) and the client drops out of every round.
describe('a client sharing its connection with a dashboard viewer', () => {
  it('enrolls after the viewer was admitted and uploads an update larger than the pre-enrollment cap', async () => {
    expect(4 * modelParameterCount(MODEL)).toBeGreaterThan(66_560);
    const { coordinator, url } = await startCoordinator({
      model: MODEL,
      secure: false,
      rounds: 1,
      clientsPerRound: 1,
      overSelection: 1,
      minReports: 1,
      maxAttemptsPerRound: 1,
      roundTimeoutMs: 20_000,
    });
    coordinator.addHttpHandler(createDashboard(coordinator).httpHandler);
    const viewer = io(`${url}/dashboard`, { transports: ['websocket'], reconnection: false });
    try {
      await new Promise<void>((done) => viewer.once('connect', () => done()));
      expect(coordinator.connections.pending).toBe(0); // the viewer's connection is admitted
      let shared: Socket | undefined;
      const client = new FederatedClient({
        url,
        clientId: 'shared',
        data: tinyDataset(4, 32),
        trainer: new ConstantTrainer(0.01),
        connect: (target, options) => (shared = io(target, options)),
      });
      const run = client.run();
      expect(await coordinator.waitForClients(1, 10_000)).toBe(true);
      expect(shared?.io).toBe(viewer.io); // one engine.io connection for both namespaces
      expect(await coordinator.run()).toMatchObject({ reason: 'completed', modelVersion: 1 });
      expect(await run).toMatchObject({ reason: 'completed', roundsParticipated: 1 });
    } finally {
      viewer.disconnect();
      await coordinator.close();
    }
  });
});
