import type { Socket } from 'socket.io';
import type { ClientToServerEvents, HelloMessage, ServerToClientEvents } from '@edgefl/protocol';

/** A connected socket that completed `hello`. */
export interface ClientSession {
  clientId: string;
  socket: Socket<ClientToServerEvents, ServerToClientEvents>;
  agent: HelloMessage['agent'];
  protocolVersion: number;
  connectedAt: number;
}
