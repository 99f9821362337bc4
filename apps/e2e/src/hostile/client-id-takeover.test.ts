import nacl from 'tweetnacl';
import type { Socket } from 'socket.io-client';
import { FederatedClient, generateIdentity } from '@edgefl/client';
import type { ClientIdentity } from '@edgefl/client';
import type { EnrollmentMode } from '@edgefl/coordinator';
import { ErrorCode, authSignatureMessage, encodeBase64 } from '@edgefl/protocol';
import type { ErrorReply } from '@edgefl/protocol';
import { ConstantTrainer } from '../support/constant-trainer';
import { connectRaw, rawHello, sendRaw } from '../support/raw-socket';
import type { RawReply } from '../support/raw-socket';
import { startCoordinator } from '../support/start-coordinator';
import { tinyDataset } from '../support/tiny-dataset';

const HONEST = 6;
const ROUNDS = 2;
const TOKEN = 'fleet-token';
const seeded = (seed: number): ClientIdentity => generateIdentity(new Uint8Array(32).fill(seed));
const honestIdentities = Array.from({ length: HONEST }, (_, i) => seeded(i + 1));
const attackerIdentity = seeded(99);

const SECURE = { bits: 8, range: 0.1, weightCap: 10, stageTimeoutMs: 20_000 };
const MODES: { name: string; enrollment: EnrollmentMode; token?: string; secure?: typeof SECURE }[] = [
  { name: 'open', enrollment: { mode: 'open' } },
  { name: 'token', enrollment: { mode: 'token', token: TOKEN }, token: TOKEN },
  // The attacker is an insider: its own key is on the list, the honest ids are not its own.
  {
    name: 'allowlist',
    enrollment: {
      mode: 'allowlist',
      keys: [...honestIdentities, attackerIdentity].map((identity) => identity.publicKey),
    },
  },
  // Secure rounds list neighbours' ids in every task: the ids an attacker would claim.
  { name: 'open (secure rounds)', enrollment: { mode: 'open' }, secure: SECURE },
];

/** Enrolls a raw connection as `clientId`, proving `identity` when given; resolves with the final reply. */
async function claim(
  socket: Socket,
  clientId: string,
  token: string | undefined,
  identity?: ClientIdentity,
): Promise<RawReply> {
  const reply = await sendRaw(
    socket,
    'hello',
    rawHello({ clientId, token, identityKey: identity && encodeBase64(identity.publicKey) }),
  );
  if (reply.type !== 'challenge' || !identity) return reply;
  const signature = nacl.sign.detached(
    authSignatureMessage(new Uint8Array(reply.nonce!), reply.clientId!),
    identity.secretKey,
  );
  return sendRaw(socket, 'authenticate', { type: 'authenticate', signature });
}

describe('hostile network, item 5: a client id is bound to its identity key; live connections are not evicted', () => {
  it.each(MODES)(
    '$name mode, no state dir: 6 short hostile connections with the honest ids remove nobody and the run finishes',
    async ({ enrollment, token, secure }) => {
      const { coordinator, url } = await startCoordinator(
        {
          rounds: ROUNDS,
          clientsPerRound: HONEST,
          overSelection: 1,
          minReports: HONEST,
          roundTimeoutMs: 30_000,
          secure: secure ?? false,
        },
        { enrollment },
      );
      const honest = honestIdentities.map(
        (identity, i) =>
          new FederatedClient({
            url,
            data: tinyDataset(4),
            clientId: `honest-${i}`,
            token,
            identity,
            trainer: new ConstantTrainer(0.01 * (i + 1)),
          }),
      );
      const evicted = new Promise<string>((resolve) =>
        honest.forEach((client, i) => client.on('disconnected', (reason) => resolve(`honest-${i}: ${reason}`))),
      );
      try {
        const runs = honest.map((client) => client.run());
        expect(await coordinator.waitForClients(HONEST, 10_000)).toBe(true);
        const replies: RawReply[] = [];
        for (let i = 0; i < HONEST; i++) {
          const socket = await connectRaw(url);
          // Every other attacker proves a key of its own; the rest send none.
          replies.push(await claim(socket, `honest-${i}`, token, i % 2 === 1 ? attackerIdentity : undefined));
          socket.disconnect();
        }
        for (const [i, reply] of replies.entries()) {
          const keyless = i % 2 === 0;
          // Allowlist mode and secure runs refuse a keyless hello before they look at the id.
          const expected =
            keyless && (enrollment.mode === 'allowlist' || secure) ? ErrorCode.Unauthorized : ErrorCode.ClientIdInUse;
          expect(reply).toMatchObject({ type: 'error', code: expected });
        }
        const outcome = await Promise.race([coordinator.run(), evicted]);
        expect(outcome).toMatchObject({ reason: 'completed', modelVersion: ROUNDS });
        for (const summary of await Promise.all(runs))
          expect(summary).toMatchObject({ reason: 'completed', roundsParticipated: ROUNDS });
      } finally {
        for (const client of honest) client.stop();
        await coordinator.close(0);
      }
    },
  );

  it("a connection proving the live id's key replaces it; the old one hears client-replaced before it is closed", async () => {
    const { coordinator, url } = await startCoordinator({ secure: false, rounds: 1 });
    const identity = seeded(7);
    const first = await connectRaw(url);
    const second = await connectRaw(url);
    try {
      expect(await claim(first, 'phone', undefined, identity)).toMatchObject({ type: 'welcome', clientId: 'phone' });
      expect(await coordinator.waitForClients(1, 5_000)).toBe(true);
      const told = new Promise<ErrorReply>((resolve) => first.once('protocol-error', resolve));
      const closed = new Promise<string>((resolve) => first.once('disconnect', resolve));
      expect(await claim(second, 'phone', undefined, identity)).toMatchObject({ type: 'welcome', clientId: 'phone' });
      // Whichever comes first: the notice must precede the close.
      expect(await Promise.race([told, closed])).toMatchObject({ type: 'error', code: ErrorCode.ClientReplaced });
      expect(await closed).toBe('io server disconnect');
      expect(coordinator.connectedClients).toBe(1);
      // The id stays bound to the key: once free, another key is unauthorized, no key too.
      second.disconnect();
      await new Promise<void>((resolve) => coordinator.once('client-disconnected', () => resolve()));
      const third = await connectRaw(url);
      expect(await claim(third, 'phone', undefined, attackerIdentity)).toMatchObject({
        type: 'error',
        code: ErrorCode.Unauthorized,
      });
      const fourth = await connectRaw(url);
      expect(await claim(fourth, 'phone', undefined)).toMatchObject({ type: 'error', code: ErrorCode.Unauthorized });
      third.disconnect();
      fourth.disconnect();
    } finally {
      first.disconnect();
      second.disconnect();
      await coordinator.close(0);
    }
  });

  it('a banned client hears client-banned and is closed; its id is refused with client-banned', async () => {
    const { coordinator, url } = await startCoordinator({ secure: false, rounds: 1 });
    const socket = await connectRaw(url);
    try {
      expect(await claim(socket, 'suspect', undefined, seeded(8))).toMatchObject({ type: 'welcome' });
      expect(await coordinator.waitForClients(1, 5_000)).toBe(true);
      const told = new Promise<ErrorReply>((resolve) => socket.once('protocol-error', resolve));
      const closed = new Promise<string>((resolve) => socket.once('disconnect', resolve));
      coordinator.ban('suspect', 'quarantined');
      expect(await Promise.race([told, closed])).toMatchObject({ type: 'error', code: ErrorCode.ClientBanned });
      expect(await closed).toBe('io server disconnect');
      const again = await connectRaw(url);
      expect(await claim(again, 'suspect', undefined, seeded(8))).toMatchObject({
        type: 'error',
        code: ErrorCode.ClientBanned,
      });
      again.disconnect();
    } finally {
      socket.disconnect();
      await coordinator.close(0);
    }
  });
});
