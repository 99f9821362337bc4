import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import { FederatedClient } from '@edgefl/client';
import { ErrorCode, PROTOCOL_VERSION, encodeFloat32Vector, encodeTensors } from '@edgefl/protocol';
import type { ClientToServerEvents, ServerToClientEvents, TaskMessage } from '@edgefl/protocol';
import { ConstantTrainer } from './support/constant-trainer';
import { startCoordinator } from './support/start-coordinator';
import { tinyDataset } from './support/tiny-dataset';

type RawSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const hello = { type: 'hello', protocolVersions: [PROTOCOL_VERSION], agent: { sdk: 'raw-test' } };

function connect(url: string): Promise<RawSocket> {
  const socket: RawSocket = io(url, { transports: ['websocket'], reconnection: false });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** Emits `event` with an arbitrary (possibly hostile) payload and returns the ack. */
function send(
  socket: RawSocket,
  event: string,
  payload: unknown,
): Promise<{ type: string; code?: string; message?: string }> {
  return (socket as unknown as Socket).timeout(5_000).emitWithAck(event, payload);
}

describe('the coordinator at its edge', () => {
  it('answers every bad message with a named error and keeps running the round', async () => {
    const { coordinator, url, store } = await startCoordinator({
      secure: false,
      rounds: 1,
      clientsPerRound: 2,
      overSelection: 1,
      minReports: 2,
      roundTimeoutMs: 20_000,
      limits: { maxUpdateBytes: 64 * 1024, maxMessageBytes: 1024 * 1024 },
    });
    const raw = await connect(url);
    try {
      expect(await send(raw, 'update', { type: 'update' })).toMatchObject({
        type: 'error',
        code: ErrorCode.NotRegistered,
      });
      expect(await send(raw, 'hello', 'not an object')).toMatchObject({
        type: 'error',
        code: ErrorCode.InvalidMessage,
      });
      expect(await send(raw, 'hello', { ...hello, protocolVersions: [99] })).toMatchObject({
        type: 'error',
        code: ErrorCode.UnsupportedVersion,
      });
      expect(await send(raw, 'hello', { ...hello, clientId: 'raw' })).toMatchObject({
        type: 'welcome',
        clientId: 'raw',
        protocolVersion: PROTOCOL_VERSION,
      });
      expect(await send(raw, 'hello', { ...hello, clientId: 'raw' })).toMatchObject({
        type: 'error',
        code: ErrorCode.InvalidMessage,
      });

      const honest = new FederatedClient({
        url,
        data: tinyDataset(4),
        clientId: 'honest',
        trainer: new ConstantTrainer(0.5),
      });
      const honestRun = honest.run();
      expect(await coordinator.waitForClients(2, 10_000)).toBe(true);
      const task = new Promise<TaskMessage>((resolve) => raw.once('task', resolve));
      const run = coordinator.run();
      const { roundId, modelVersion } = await task;
      const parameters = 343;
      const update = (payload: unknown, extra: object = {}) => ({
        type: 'update',
        roundId,
        modelVersion,
        numSamples: 4,
        encoding: { kind: 'float32' },
        payload,
        ...extra,
      });
      const nan = new Float32Array(parameters);
      nan[7] = Number.NaN;
      const rejected = [
        await send(raw, 'update', update(encodeFloat32Vector(new Float32Array(parameters)), { roundId: 'run/9/1' })),
        await send(raw, 'update', update(encodeFloat32Vector(new Float32Array(parameters)), { modelVersion: 5 })),
        await send(raw, 'update', update(Array.from(new Float32Array(parameters)))),
        await send(raw, 'update', update(encodeTensors([{ dtype: 'float32', shape: [parameters], data: nan }]))),
        await send(raw, 'update', update(encodeFloat32Vector(new Float32Array(parameters - 1)))),
        await send(raw, 'update', update(new Uint8Array(100 * 1024))),
        await send(raw, 'update', update(encodeFloat32Vector(new Float32Array(parameters)), { numSamples: -1 })),
        await send(
          raw,
          'update',
          update(encodeFloat32Vector(new Float32Array(parameters)), {
            encoding: { kind: 'quantized', bits: 8, chunkSize: 64, errorFeedback: false },
          }),
        ),
      ];
      expect(rejected.map((r) => r.code)).toEqual([
        ErrorCode.WrongRound,
        ErrorCode.WrongRound,
        ErrorCode.InvalidMessage,
        ErrorCode.InvalidUpdate,
        ErrorCode.InvalidUpdate,
        ErrorCode.PayloadTooLarge,
        ErrorCode.InvalidMessage,
        ErrorCode.InvalidUpdate,
      ]);
      for (const reply of rejected) expect(reply.message).toEqual(expect.any(String));

      const zeros = encodeFloat32Vector(new Float32Array(parameters));
      expect(await send(raw, 'update', update(zeros))).toEqual({ type: 'accepted', roundId });
      const summary = await run;
      expect(summary).toMatchObject({ reason: 'completed', modelVersion: 1 });
      expect(await send(raw, 'update', update(zeros))).toMatchObject({ type: 'error', code: ErrorCode.LateReport });
      await honestRun;
      const [record] = await store.rounds();
      expect(record).toMatchObject({ outcome: 'completed', participants: 2, rejected: 8 });
      const initial = (await store.checkpoint(0))!.weights;
      // raw sent zeros with 4 samples, honest 0.5 with 4 samples: the mean delta is 0.25.
      expect(summary.weights[0]).toBeCloseTo(initial[0] + 0.25, 5);
    } finally {
      raw.disconnect();
      await coordinator.close();
    }
  });

  it('refuses a duplicate report', async () => {
    const { coordinator, url } = await startCoordinator({
      secure: false,
      rounds: 1,
      clientsPerRound: 2,
      overSelection: 1,
      minReports: 1,
      roundTimeoutMs: 2_000,
    });
    const raw = await connect(url);
    const other = await connect(url);
    try {
      await send(raw, 'hello', { ...hello, clientId: 'raw' });
      await send(other, 'hello', { ...hello, clientId: 'other' });
      const task = new Promise<TaskMessage>((resolve) => raw.once('task', resolve));
      const run = coordinator.run();
      const { roundId, modelVersion } = await task;
      const update = {
        type: 'update',
        roundId,
        modelVersion,
        numSamples: 1,
        encoding: { kind: 'float32' },
        payload: encodeFloat32Vector(new Float32Array(343)),
      };
      expect(await send(raw, 'update', update)).toEqual({ type: 'accepted', roundId });
      expect(await send(raw, 'update', update)).toMatchObject({ type: 'error', code: ErrorCode.DuplicateReport });
      expect((await run).reason).toBe('completed');
    } finally {
      raw.disconnect();
      other.disconnect();
      await coordinator.close();
    }
  });
});
