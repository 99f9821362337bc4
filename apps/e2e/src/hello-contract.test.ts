import nacl from 'tweetnacl';
import { Coordinator } from '@edgefl/coordinator';
import type { CoordinatorOptions } from '@edgefl/coordinator';
import { ErrorCode, PROTOCOL_VERSION, authSignatureMessage, encodeBase64 } from '@edgefl/protocol';
import { SMALL_MODEL } from './support/start-coordinator';
import { connectRaw } from './support/raw-socket';

type Reply = { type: string; code?: string; message?: string; clientId?: string; nonce?: Uint8Array; secure?: boolean };

const hello = (extra: object = {}) => ({
  type: 'hello',
  protocolVersions: [PROTOCOL_VERSION],
  agent: { sdk: 'raw-test' },
  ...extra,
});
const SECURE = { range: 0.05, bits: 8, weightCap: 10, stageTimeoutMs: 5_000 };

async function start(config: CoordinatorOptions['config']): Promise<{ coordinator: Coordinator; url: string }> {
  const coordinator = new Coordinator({
    config: {
      secure: false,
      port: 0,
      host: '127.0.0.1',
      model: SMALL_MODEL,
      rounds: 1,
      clientsPerRound: 2,
      overSelection: 1,
      minReports: 2,
      roundTimeoutMs: 10_000,
      ...config,
    },
  });
  const { url } = await coordinator.listen();
  return { coordinator, url };
}

describe('hello contract (docs/PROTOCOL.md section 2)', () => {
  it('answers a hello sent without an ack id with a protocol-error naming the missing ack, and registers nothing', async () => {
    const { coordinator, url } = await start({});
    const socket = await connectRaw(url);
    try {
      const error = new Promise<Reply>((resolve) => socket.once('protocol-error', resolve));
      socket.emit('hello', hello());
      expect(await error).toMatchObject({
        type: 'error',
        code: ErrorCode.InvalidMessage,
        message: expect.stringContaining('hello must be sent with an ack id'),
      });
      expect(coordinator.connectedClients).toBe(0);
      // The connection may still enroll properly.
      expect(await socket.timeout(5_000).emitWithAck('hello', hello())).toMatchObject({ type: 'welcome' });
    } finally {
      socket.disconnect();
      await coordinator.close(0);
    }
  });

  it('in a secure run: a keyless hello gets unauthorized saying why, and the welcome of a keyed client says secure', async () => {
    const { coordinator, url } = await start({ secure: SECURE });
    const keyless = await connectRaw(url);
    const keyed = await connectRaw(url);
    try {
      const refused: Reply = await keyless.timeout(5_000).emitWithAck('hello', hello());
      expect(refused).toMatchObject({
        type: 'error',
        code: ErrorCode.Unauthorized,
        message: expect.stringContaining(
          'hello.identityKey is missing: every round of this run uses secure aggregation',
        ),
      });
      const identity = nacl.sign.keyPair.fromSeed(new Uint8Array(32).fill(3));
      const challenge: Reply = await keyed
        .timeout(5_000)
        .emitWithAck('hello', hello({ identityKey: encodeBase64(identity.publicKey) }));
      expect(challenge.type).toBe('challenge');
      const signature = nacl.sign.detached(
        authSignatureMessage(new Uint8Array(challenge.nonce as Uint8Array), challenge.clientId as string),
        identity.secretKey,
      );
      const welcome: Reply = await keyed
        .timeout(5_000)
        .emitWithAck('authenticate', { type: 'authenticate', signature });
      expect(welcome).toMatchObject({ type: 'welcome', secure: true });
      expect(coordinator.connectedClients).toBe(1);
    } finally {
      keyless.disconnect();
      keyed.disconnect();
      await coordinator.close(0);
    }
  });

  it('in a plain run the welcome carries no secure flag', async () => {
    const { coordinator, url } = await start({});
    const socket = await connectRaw(url);
    try {
      const welcome: Reply = await socket.timeout(5_000).emitWithAck('hello', hello());
      expect(welcome.type).toBe('welcome');
      expect(welcome.secure).toBeUndefined();
    } finally {
      socket.disconnect();
      await coordinator.close(0);
    }
  });
});
