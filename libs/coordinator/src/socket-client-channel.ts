import type { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '@edgefl/protocol';
import type { ConnectedClient, ServerEvent, ServerMessage } from './client-channel';
import type { ClientRegistry } from './client-registry';
import { OneByOneClientChannel } from './one-by-one-client-channel';

/**
 * The socket.io {@link ClientChannel}: the registry's live sessions, each sent to on its own
 * socket. `broadcast` goes to every connection of the default namespace (a client still enrolling
 * hears it too; one that enrolls later is told at registration).
 *
 * @example
 * const channel = new SocketClientChannel(registry, io);
 * channel.send('phone-1', 'goal-met', { type: 'goal-met', roundId, round });
 */
export class SocketClientChannel extends OneByOneClientChannel {
  constructor(
    private readonly registry: ClientRegistry,
    private readonly io: Server<ClientToServerEvents, ServerToClientEvents>,
  ) {
    super();
  }

  get size(): number {
    return this.registry.size;
  }

  connected(): readonly ConnectedClient[] {
    return this.registry.all();
  }

  client(clientId: string): ConnectedClient | undefined {
    return this.registry.get(clientId);
  }

  waitForClients(count: number, signal: AbortSignal): Promise<boolean> {
    return this.registry.waitForClients(count, signal);
  }

  send<E extends ServerEvent>(clientId: string, event: E, message: ServerMessage<E>): boolean {
    const session = this.registry.get(clientId);
    if (!session) return false;
    // socket.io's typed emit cannot relate a generic event to its arguments.
    (session.socket.emit as (event: E, message: ServerMessage<E>) => boolean)(event, message);
    return true;
  }

  broadcast<E extends ServerEvent>(event: E, message: ServerMessage<E>): void {
    (this.io.emit as (event: E, message: ServerMessage<E>) => boolean)(event, message);
  }
}
