import { timingSafeEqual } from 'node:crypto';
import { ErrorCode, ProtocolError } from '@edgefl/protocol';
import type { ClientSession } from './client-session';

/**
 * Decides whether a new connection may take a client id that is connected right now on another
 * socket (docs/PROTOCOL.md, "Enrollment"): only by proving the identity key the live connection
 * proved. Anything else (no key, another key, a live connection without a key) is
 * `client-id-in-use`, and the live connection keeps the id.
 *
 * @example
 * assertMayTakeOver(registry.get(clientId), socket, provenKey); // throws ProtocolError('client-id-in-use')
 */
export function assertMayTakeOver(
  live: ClientSession | undefined,
  socket: unknown,
  provenKey: Uint8Array | undefined,
): void {
  if (!live || live.socket === socket) return;
  const owner = live.identityKey;
  if (owner && provenKey && owner.length === provenKey.length && timingSafeEqual(owner, provenKey)) return;
  throw new ProtocolError(
    ErrorCode.ClientIdInUse,
    `client id ${live.clientId} is connected on another socket: only a connection proving the identity key it enrolled with can take it over`,
  );
}
