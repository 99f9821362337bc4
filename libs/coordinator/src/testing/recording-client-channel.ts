import type { ClientChannel, ConnectedClient, ServerEvent, ServerMessage } from '../client-channel';

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
export class RecordingClientChannel implements ClientChannel {
  readonly sent: SentMessage[] = [];
  onSend?: (sent: SentMessage) => void;
  private readonly clients = new Map<string, ConnectedClient>();
  private readonly waiters = new Set<() => void>();

  get size(): number {
    return this.clients.size;
  }

  /** Enrolls a client (a bare id for a client with no identity key). */
  connect(client: ConnectedClient | string): void {
    const connected = typeof client === 'string' ? { clientId: client } : client;
    this.clients.set(connected.clientId, connected);
    this.wake();
  }

  /** A client leaves; nothing is sent to it afterwards. */
  disconnect(clientId: string): void {
    this.clients.delete(clientId);
    this.wake();
  }

  connected(): readonly ConnectedClient[] {
    return [...this.clients.values()];
  }

  client(clientId: string): ConnectedClient | undefined {
    return this.clients.get(clientId);
  }

  waitForClients(count: number, signal: AbortSignal): Promise<boolean> {
    return new Promise((resolve) => {
      const check = (): void => {
        if (signal.aborted) return finish(false);
        if (this.clients.size >= count) finish(true);
      };
      const finish = (result: boolean): void => {
        this.waiters.delete(check);
        signal.removeEventListener('abort', check);
        resolve(result);
      };
      this.waiters.add(check);
      signal.addEventListener('abort', check);
      check();
    });
  }

  send<E extends ServerEvent>(clientId: string, event: E, message: ServerMessage<E>): boolean {
    if (!this.clients.has(clientId)) return false;
    this.record({ to: clientId, event, message } as SentMessage);
    return true;
  }

  broadcast<E extends ServerEvent>(event: E, message: ServerMessage<E>): void {
    this.record({ to: '*', event, message } as SentMessage);
  }

  /** The messages of `event` sent to one client (broadcasts excluded), oldest first. */
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

  private wake(): void {
    for (const wake of [...this.waiters]) wake();
  }
}
