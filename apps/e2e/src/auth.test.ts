import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nacl from 'tweetnacl';
import type { Socket } from 'socket.io-client';
import { CoordinatorRejectedError, FederatedClient, generateIdentity } from '@edgefl/client';
import type { ClientIdentity } from '@edgefl/client';
import { Coordinator } from '@edgefl/coordinator';
import type { CoordinatorOptions } from '@edgefl/coordinator';
import { SqliteRoundStore } from '@edgefl/coordinator-store/node';
import { ErrorCode, PROTOCOL_VERSION, authSignatureMessage, encodeBase64, encodeFloat32Vector } from '@edgefl/protocol';
import type { TaskMessage } from '@edgefl/protocol';
import { ConstantTrainer } from './support/constant-trainer';
import { SMALL_MODEL } from './support/start-coordinator';
import { tinyDataset } from './support/tiny-dataset';
import { connectRaw } from './support/raw-socket';

type Reply = { type: string; code?: string; message?: string; clientId?: string; nonce?: Uint8Array };

const PARAMETERS = 343;
const hello = (extra: object = {}) => ({
  type: 'hello',
  protocolVersions: [PROTOCOL_VERSION],
  agent: { sdk: 'raw-test' },
  ...extra,
});

async function start(
  options: Omit<CoordinatorOptions, 'config'>,
  config: CoordinatorOptions['config'] = {},
): Promise<{ coordinator: Coordinator; url: string }> {
  const coordinator = new Coordinator({
    config: {
      secure: false,
      port: 0,
      host: '127.0.0.1',
      model: SMALL_MODEL,
      retryDelayMs: 50,
      rounds: 1,
      clientsPerRound: 1,
      overSelection: 1,
      minReports: 1,
      roundTimeoutMs: 10_000,
      ...config,
    },
    ...options,
  });
  const { url } = await coordinator.listen();
  return { coordinator, url };
}

function send(socket: Socket, event: string, payload: unknown): Promise<Reply> {
  return socket.timeout(5_000).emitWithAck(event, payload);
}

/** Runs an SDK client until its hello is answered: resolves with the welcome's client id, or the refusal. */
async function enroll(
  url: string,
  options: { token?: string; identity?: ClientIdentity; clientId?: string },
): Promise<string | CoordinatorRejectedError> {
  const client = new FederatedClient({ url, data: tinyDataset(2), trainer: new ConstantTrainer(0.1), ...options });
  const connected = new Promise<string>((resolve) => client.on('connected', ({ clientId }) => resolve(clientId)));
  const outcome = await Promise.race([
    connected,
    client.run().then(
      () => new Error('run ended'),
      (error: Error) => error,
    ),
  ]);
  client.stop();
  if (outcome instanceof CoordinatorRejectedError || typeof outcome === 'string') return outcome;
  throw outcome;
}

function sign(identity: ClientIdentity, challenge: Reply): Uint8Array {
  return nacl.sign.detached(
    authSignatureMessage(new Uint8Array(challenge.nonce!), challenge.clientId!),
    identity.secretKey,
  );
}

describe('enrollment', () => {
  it('token mode: no token and a wrong token are unauthorized, the right token gets in', async () => {
    const { coordinator, url } = await start({ enrollment: { mode: 'token', token: 'correct horse battery staple' } });
    try {
      const missing = await enroll(url, {});
      expect(missing).toBeInstanceOf(CoordinatorRejectedError);
      expect(missing).toMatchObject({
        code: ErrorCode.Unauthorized,
        message: expect.stringContaining('hello.token is missing'),
      });
      const wrong = await enroll(url, { token: 'correct horse battery stapler' });
      expect(wrong).toMatchObject({
        code: ErrorCode.Unauthorized,
        message: expect.stringContaining('not the enrollment token'),
      });
      expect(await enroll(url, { token: 'correct horse battery staple', clientId: 'phone-1' })).toBe('phone-1');
    } finally {
      await coordinator.close(0);
    }
  });

  describe('allowlist mode (SQLite client registry)', () => {
    const allowed = generateIdentity();
    const stranger = generateIdentity();
    let dir: string;
    let store: SqliteRoundStore;
    let coordinator: Coordinator;
    let url: string;

    beforeEach(async () => {
      dir = mkdtempSync(join(tmpdir(), 'edgefl-auth-'));
      store = SqliteRoundStore.open(dir);
      ({ coordinator, url } = await start(
        { enrollment: { mode: 'allowlist', keys: [allowed.publicKey] }, store, clients: store },
        { rounds: 2 },
      ));
    });

    afterEach(async () => {
      await coordinator.close(0);
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('refuses a client without a key and one whose key is not listed; the listed key gets in and is pinned', async () => {
      const raw = await connectRaw(url);
      expect(await send(raw, 'hello', hello())).toMatchObject({
        code: ErrorCode.Unauthorized,
        message: expect.stringContaining('hello.identityKey is missing'),
      });
      raw.disconnect();
      expect(await enroll(url, { identity: stranger })).toMatchObject({
        code: ErrorCode.Unauthorized,
        message: expect.stringContaining('not on the allowlist'),
      });
      expect(await enroll(url, { identity: allowed, clientId: 'phone-1' })).toBe('phone-1');
      expect((await store.getClient('phone-1'))?.identityKey).toEqual(allowed.publicKey);
      // A reconnect enrolls again, with a fresh challenge.
      expect(await enroll(url, { identity: allowed, clientId: 'phone-1' })).toBe('phone-1');
    });

    it('refuses a bad signature, a signature by another key, and replayed authenticates', async () => {
      const raw = await connectRaw(url);
      const other = await connectRaw(url);
      try {
        const identityKey = encodeBase64(allowed.publicKey);
        expect(await send(raw, 'authenticate', { type: 'authenticate', signature: new Uint8Array(64) })).toMatchObject({
          code: ErrorCode.Unauthorized,
          message: expect.stringContaining('no challenge is pending'),
        });
        let challenge = await send(raw, 'hello', hello({ clientId: 'raw', identityKey }));
        expect(challenge).toMatchObject({ type: 'challenge', clientId: 'raw' });
        expect(
          await send(raw, 'authenticate', { type: 'authenticate', signature: new Uint8Array(64).fill(9) }),
        ).toMatchObject({
          code: ErrorCode.Unauthorized,
          message: expect.stringContaining('does not verify'),
        });
        // The nonce died with the failed attempt: a correct signature over it is now refused too.
        const late = sign(allowed, challenge);
        expect(await send(raw, 'authenticate', { type: 'authenticate', signature: late })).toMatchObject({
          code: ErrorCode.Unauthorized,
        });

        challenge = await send(raw, 'hello', hello({ clientId: 'raw', identityKey }));
        expect(
          await send(raw, 'authenticate', { type: 'authenticate', signature: sign(stranger, challenge) }),
        ).toMatchObject({ code: ErrorCode.Unauthorized });

        challenge = await send(raw, 'hello', hello({ clientId: 'raw', identityKey }));
        const signature = sign(allowed, challenge);
        expect(await send(raw, 'authenticate', { type: 'authenticate', signature })).toMatchObject({
          type: 'welcome',
          clientId: 'raw',
        });
        expect(await send(raw, 'authenticate', { type: 'authenticate', signature })).toMatchObject({
          code: ErrorCode.Unauthorized,
          message: expect.stringContaining('already authenticated'),
        });
        expect(await send(raw, 'hello', hello({ clientId: 'other-id' }))).toMatchObject({
          code: ErrorCode.InvalidMessage,
          message: expect.stringContaining('already accepted'),
        });

        // The captured signature replayed on another connection: its challenge has a fresh nonce.
        const otherChallenge = await send(other, 'hello', hello({ clientId: 'raw', identityKey }));
        expect(otherChallenge.nonce).not.toEqual(challenge.nonce);
        expect(await send(other, 'authenticate', { type: 'authenticate', signature })).toMatchObject({
          code: ErrorCode.Unauthorized,
        });
        expect(await send(other, 'update', { type: 'update' })).toMatchObject({ code: ErrorCode.NotRegistered });
      } finally {
        raw.disconnect();
        other.disconnect();
      }
    });

    it('refuses updates replayed from an earlier round or sent twice', async () => {
      const raw = await connectRaw(url);
      try {
        const challenge = await send(
          raw,
          'hello',
          hello({ clientId: 'raw', identityKey: encodeBase64(allowed.publicKey) }),
        );
        expect(
          await send(raw, 'authenticate', { type: 'authenticate', signature: sign(allowed, challenge) }),
        ).toMatchObject({ type: 'welcome' });
        const tasks: TaskMessage[] = [];
        const nextTask = (): Promise<TaskMessage> =>
          new Promise((resolve) => raw.once('task', (task: TaskMessage) => resolve(task)));
        let task = nextTask();
        const run = coordinator.run();
        const updateFor = ({ roundId, modelVersion }: TaskMessage) => ({
          type: 'update',
          roundId,
          modelVersion,
          numSamples: 3,
          encoding: { kind: 'float32' },
          payload: encodeFloat32Vector(new Float32Array(PARAMETERS).fill(0.01)),
        });
        tasks.push(await task);
        task = nextTask();
        const first = updateFor(tasks[0]);
        expect(await send(raw, 'update', first)).toEqual({ type: 'accepted', roundId: tasks[0].roundId });
        tasks.push(await task);
        expect(await send(raw, 'update', first)).toMatchObject({ code: ErrorCode.LateReport });
        expect(await send(raw, 'update', { ...first, roundId: tasks[1].roundId })).toMatchObject({
          code: ErrorCode.WrongRound,
        });
        const second = updateFor(tasks[1]);
        expect(await send(raw, 'update', second)).toEqual({ type: 'accepted', roundId: tasks[1].roundId });
        expect((await run).reason).toBe('completed');
        expect(await send(raw, 'update', second)).toMatchObject({ code: ErrorCode.LateReport });
        expect((await store.rounds()).map((r) => [r.outcome, r.participants])).toEqual([
          ['completed', 1],
          ['completed', 1],
        ]);
      } finally {
        raw.disconnect();
      }
    });

    it('a client id pinned to a key cannot come back without proving that key', async () => {
      expect(await enroll(url, { identity: allowed, clientId: 'phone-9' })).toBe('phone-9');
      await coordinator.close(0);
      // Same store, now a token coordinator: the pin still holds.
      ({ coordinator, url } = await start({ enrollment: { mode: 'token', token: 't0k3n' }, store, clients: store }));
      const raw = await connectRaw(url);
      expect(await send(raw, 'hello', hello({ clientId: 'phone-9', token: 't0k3n' }))).toMatchObject({
        code: ErrorCode.Unauthorized,
        message: expect.stringContaining('different identity key'),
      });
      raw.disconnect();
      expect(await enroll(url, { clientId: 'phone-9', token: 't0k3n', identity: stranger })).toMatchObject({
        code: ErrorCode.Unauthorized,
      });
      expect(await enroll(url, { clientId: 'phone-9', token: 't0k3n', identity: allowed })).toBe('phone-9');
    });
  });
});
