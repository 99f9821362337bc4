import type { Socket } from 'socket.io';
import type { ClientToServerEvents, HelloMessage, ServerToClientEvents } from '@edgefl/protocol';
import type { ConnectedClient } from './client-channel';

/** A connected socket that completed `hello` (the connection layer's view of a {@link ConnectedClient}). */
export interface ClientSession extends ConnectedClient {
  clientId: string;
  socket: Socket<ClientToServerEvents, ServerToClientEvents>;
  agent: HelloMessage['agent'];
  protocolVersion: number;
  connectedAt: number;
  /** The Ed25519 identity public key the client proved at enrollment; required to join secure rounds. */
  identityKey?: Uint8Array;
  /** The hello said the client can rebuild the model from a downlink delta. */
  deltaDownlink?: boolean;
}
