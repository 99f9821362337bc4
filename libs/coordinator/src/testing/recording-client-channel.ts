import type { ConnectedClient, ServerEvent, ServerMessage } from '../client-channel';
import { ClientRegistry } from '../client-registry';
import { OneByOneClientChannel } from '../one-by-one-client-channel';

/** One message a {@link RecordingClientChannel} delivered: to one client, or to everyone (`to: '*'`). */
export type SentMessage = {
  [E in ServerEvent]: { to: string; event: E; message: ServerMessage<E> };
}[ServerEvent];

/**
 * An in-memory {@link ClientChannel} for tests: clients connect and leave by calling
 * {@link connect}/{@link disconnect}; everything sent is recorded in order, and `onSend` (if set)
 * sees each message as it goes out, so that a test can play the clients. No sockets, no timers.
 *
 * @example
 * const channel = new RecordingClientChannel();
 * channel.connect({ clientId: 'a' });
 * channel.onSend = (sent) => { if (sent.event === 'task') setImmediate(() => runner.update(sent.to, update)); };
 * expect(channel.sentTo('a', 'task')).toHaveLength(1);
 */
export class RecordingClientChannel extends OneByOneClientChannel {
  readonly sent: SentMessage[] = [];
  onSend?: (sent: SentMessage) => void;
  private readonly clients = new ClientRegistry<ConnectedClient>();

  get size(): number {
    return this.clients.size;
  }

  /** Enrolls a client (a bare id for a client with no identity key). */
  connect(client: ConnectedClient | string): void {
    this.clients.add(typeof client === 'string' ? { clientId: client } : client);
  }

  /** A client leaves; nothing is sent to it afterwards. */
  disconnect(clientId: string): void {
    const client = this.clients.get(clientId);
    if (client) this.clients.remove(client);
  }

  connected(): readonly ConnectedClient[] {
    return this.clients.all();
  }

  client(clientId: string): ConnectedClient | undefined {
    return this.clients.get(clientId);
  }

  waitForClients(count: number, signal: AbortSignal): Promise<boolean> {
    return this.clients.waitForClients(count, signal);
  }

  send<E extends ServerEvent>(clientId: string, event: E, message: ServerMessage<E>): boolean {
    if (!this.clients.get(clientId)) return false;
    this.record({ to: clientId, event, message } as SentMessage);
    return true;
  }

  broadcast<E extends ServerEvent>(event: E, message: ServerMessage<E>): void {
    this.record({ to: '*', event, message } as SentMessage);
  }

  /** The messages of `event` sent to one client (`'*'`: the broadcasts), oldest first. */
  sentTo<E extends ServerEvent>(clientId: string, event: E): ServerMessage<E>[] {
    return this.sent
      .filter((sent) => sent.to === clientId && sent.event === event)
      .map((sent) => sent.message as ServerMessage<E>);
  }

  /** The clients that were sent `event`, in order (with repeats). */
  recipientsOf(event: ServerEvent): string[] {
    return this.sent.filter((sent) => sent.event === event).map((sent) => sent.to);
  }

  private record(sent: SentMessage): void {
    this.sent.push(sent);
    this.onSend?.(sent);
  }
}
