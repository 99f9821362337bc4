import { FederatedClient } from '@edgefl/client';
import { ErrorCode } from '@edgefl/protocol';
import type { TaskMessage } from '@edgefl/protocol';
import { ConstantTrainer } from '../support/constant-trainer';
import { connectRaw, rawHello, sendRaw } from '../support/raw-socket';
import { startCoordinator } from '../support/start-coordinator';
import { tinyDataset } from '../support/tiny-dataset';

const MAX_UPDATE_BYTES = 16 * 1024 * 1024;

/**
 * A quantized-update payload of exactly `totalBytes` bytes in one segment whose header declares
 * `bits` bits per value and as many values as the body can hold minus `spare`, the last byte all
 * ones (so that, when `spare` leaves padding bits, they are not zero: a decoder only notices after
 * it unpacked every level).
 */
function forgedPayload(bits: number, totalBytes: number, spare: number): Uint8Array {
  const bytes = new Uint8Array(totalBytes);
  const view = new DataView(bytes.buffer);
  bytes.set([0x45, 0x46, 0x4c, 0x51, 1, bits, 0, 0]);
  const body = totalBytes - 16 - 12;
  const length = Math.floor((body * 8) / bits) - spare;
  view.setUint32(8, length, true);
  view.setUint32(12, 1, true);
  view.setUint32(16, length, true);
  view.setFloat32(20, 0, true);
  view.setFloat32(24, 1e-3, true);
  bytes[totalBytes - 1] = 0xff;
  return bytes;
}

describe('hostile network, item 8: quantized plain updates are sized from their header before anything is allocated', () => {
  it('a 16 MiB payload declaring 1 bit per value (134M values) is refused on its header; the round completes', async () => {
    const { coordinator, url, store } = await startCoordinator({
      secure: false,
      rounds: 1,
      clientsPerRound: 2,
      overSelection: 1,
      minReports: 1,
      roundTimeoutMs: 60_000,
      encoding: { kind: 'quantized', bits: 4, chunkSize: 64, errorFeedback: false },
      limits: { maxUpdateBytes: MAX_UPDATE_BYTES, maxMessageBytes: MAX_UPDATE_BYTES + 1024 * 1024 },
    });
    const attacker = await connectRaw(url);
    // The honest client reports only after both forged uploads were answered: its report (with
    // minReports 1) starts the grace period, which must not close the round under the attacker.
    let attackOver: () => void = () => undefined;
    const attacked = new Promise<void>((resolve) => (attackOver = resolve));
    const honest = new FederatedClient({
      url,
      data: tinyDataset(4),
      clientId: 'honest',
      trainer: new ConstantTrainer(0.01, 0, () => attacked),
    });
    try {
      const task = new Promise<TaskMessage>((resolve) => attacker.once('task', resolve));
      expect(await sendRaw(attacker, 'hello', rawHello({ clientId: 'attacker' }))).toMatchObject({ type: 'welcome' });
      const honestRun = honest.run();
      expect(await coordinator.waitForClients(2, 10_000)).toBe(true);
      const run = coordinator.run();
      const { roundId, modelVersion } = await task;
      const update = (payload: Uint8Array) => ({
        type: 'update',
        roundId,
        modelVersion,
        numSamples: 8,
        encoding: { kind: 'quantized', bits: 4, chunkSize: 64, errorFeedback: false },
        payload,
      });

      // Today's decoder unpacks all 134M levels (and allocates for them) before it compares the
      // bits or the length, and then reports the non-zero padding; the header check comes first.
      const oneBit = await sendRaw(attacker, 'update', update(forgedPayload(1, MAX_UPDATE_BYTES, 1)));
      expect(oneBit).toMatchObject({
        type: 'error',
        code: ErrorCode.InvalidUpdate,
        message: expect.stringContaining('declares 1 bits per value, the task asked for 4'),
      });
      const tooLong = await sendRaw(attacker, 'update', update(forgedPayload(4, MAX_UPDATE_BYTES, 1)));
      expect(tooLong).toMatchObject({
        type: 'error',
        code: ErrorCode.InvalidUpdate,
        message: expect.stringMatching(/declares \d+ values, the model has 343/),
      });
      attackOver();
      attacker.disconnect();

      const summary = await run;
      expect(summary).toMatchObject({ reason: 'completed', modelVersion: 1 });
      expect((await honestRun).reason).toBe('completed');
      const [record] = await store.rounds();
      expect(record).toMatchObject({ outcome: 'completed', participants: 1, rejected: 2 });
    } finally {
      attacker.disconnect();
      honest.stop();
      await coordinator.close(0);
    }
  });
});
