import { get } from 'node:http';
import { FederatedClient } from '@edgefl/client';
import { ConstantTrainer } from '../support/constant-trainer';
import { closedOrAnswered, rawConnect } from '../support/raw-socket';
import { startCoordinator } from '../support/start-coordinator';
import { tinyDataset } from '../support/tiny-dataset';

const CONTROL_CAP = 64 * 1024;

function healthz(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    get(`${url}/healthz`, { agent: false }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    }).once('error', reject);
  });
}

/** `depth` nested arrays around a number, as one JSON text. */
function nestedArrays(depth: number): string {
  return `${'['.repeat(depth)}1${']'.repeat(depth)}`;
}

/**
 * Issue 15, item 2: a 20 MB text frame of nested arrays was parsed on the event loop before any
 * check. Now no frame is parsed beyond its stage's cap: text frames above the control cap, and
 * binary attachments from a connection that has not enrolled, close the connection before
 * JSON.parse sees them; an enrolled client still uploads above the pre-enrollment cap.
 */
describe('hostile network: parse bombs (issue 15, item 2)', () => {
  it('closes a connection that sends an oversized text frame or unenrolled binary, without parsing it, and keeps serving honest clients', async () => {
    const { coordinator, url } = await startCoordinator(
      { secure: false, rounds: 1, clientsPerRound: 1, minReports: 1, overSelection: 1 },
      // Below the honest 1,372-byte update: only the raise at enrollment lets it through.
      { edge: { maxPreEnrollmentBinaryBytes: 512 } },
    );
    const parse = jest.spyOn(JSON, 'parse');
    try {
      // 4 MiB of nested arrays as one text frame, straight onto the engine.io transport.
      const bomb = await rawConnect(url);
      expect(bomb.connected).toBe(true);
      const bombOutcome = closedOrAnswered(bomb.socket);
      bomb.socket.io.engine.send(`2["hello",${nestedArrays(2 << 20)}]`);
      expect(await bombOutcome).toBe('closed: transport close');

      // A binary event from a socket that never enrolled: 1 MiB of attachment.
      const binary = await rawConnect(url);
      expect(binary.connected).toBe(true);
      const binaryOutcome = closedOrAnswered(binary.socket);
      binary.socket.emit('hello', { type: 'hello', padding: new Uint8Array(1 << 20) });
      expect(await binaryOutcome).toBe('closed: transport close');

      // Deep but small: refused by depth before parsing.
      const deep = await rawConnect(url);
      const deepOutcome = closedOrAnswered(deep.socket);
      deep.socket.io.engine.send(`2["hello",${nestedArrays(5_000)}]`);
      expect(await deepOutcome).toBe('closed: transport close');

      const longest = Math.max(0, ...parse.mock.calls.map(([text]) => (typeof text === 'string' ? text.length : 0)));
      expect(longest).toBeLessThanOrEqual(CONTROL_CAP);
      expect(await healthz(url)).toBe(200);

      // An honest client's 343-float update (1,372 bytes of attachment) after enrollment.
      const honest = new FederatedClient({
        url,
        data: tinyDataset(4),
        clientId: 'honest',
        trainer: new ConstantTrainer(0.01),
      });
      const summary = coordinator.run();
      await honest.run();
      expect(await summary).toMatchObject({ reason: 'completed', roundsCompleted: 1 });
    } finally {
      parse.mockRestore();
      await coordinator.close();
    }
  });
});
