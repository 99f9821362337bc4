import nacl from 'tweetnacl';
import type { Socket } from 'socket.io-client';
import {
  PROTOCOL_VERSION,
  SUPPORTED_PROTOCOL_VERSIONS,
  authSignatureMessage,
  encodeBase64,
  parseChallengeMessage,
  parseWelcomeMessage,
} from '@edgefl/protocol';
import type { ClientToServerEvents, ServerToClientEvents, WelcomeMessage } from '@edgefl/protocol';
import type { ClientIdentity } from './client-identity';
import { refusedOrReply } from './coordinator-reply';

/** What a client says of itself at `hello`. */
export interface HandshakeOptions {
  /** The id to resume, if any (the coordinator assigns one otherwise). */
  clientId?: string;
  token?: string;
  identity: ClientIdentity;
  /** The trainer's tfjs backend. */
  backend: string;
  platform?: string;
  ackTimeoutMs: number;
}

/**
 * Enrolls on a fresh connection (docs/PROTOCOL.md section 3): `hello`, then, when the coordinator
 * challenges, `authenticate` with the identity's signature over the nonce; resolves with the
 * `welcome`. Rejects with CoordinatorRejectedError on an `error` reply, with a timeout error when
 * an ack does not come within `ackTimeoutMs`.
 *
 * @example
 * const welcome = await coordinatorHandshake(socket, { identity, backend: 'cpu', ackTimeoutMs: 30_000 });
 */
export async function coordinatorHandshake(
  socket: Socket<ServerToClientEvents, ClientToServerEvents>,
  options: HandshakeOptions,
): Promise<WelcomeMessage> {
  const { identity, ackTimeoutMs } = options;
  let reply: unknown = await socket.timeout(ackTimeoutMs).emitWithAck('hello', {
    type: 'hello',
    protocolVersions: [...SUPPORTED_PROTOCOL_VERSIONS],
    clientId: options.clientId,
    token: options.token,
    identityKey: encodeBase64(identity.publicKey),
    agent: { sdk: `edgefl-client/${PROTOCOL_VERSION}`, backend: options.backend, platform: options.platform },
    deltaDownlink: true,
  });
  if ((refusedOrReply(reply) as { type?: unknown }).type === 'challenge') {
    const challenge = parseChallengeMessage(reply);
    const signature = nacl.sign.detached(authSignatureMessage(challenge.nonce, challenge.clientId), identity.secretKey);
    reply = await socket.timeout(ackTimeoutMs).emitWithAck('authenticate', { type: 'authenticate', signature });
  }
  return parseWelcomeMessage(refusedOrReply(reply));
}
