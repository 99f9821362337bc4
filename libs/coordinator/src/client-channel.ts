import type { HelloMessage, ServerToClientEvents } from '@edgefl/protocol';

/** An event the coordinator sends to clients. */
export type ServerEvent = keyof ServerToClientEvents;
/** The message of a server event, as the protocol's event map types it. */
export type ServerMessage<E extends ServerEvent> = Parameters<ServerToClientEvents[E]>[0];

/** What the round runner knows of an enrolled, connected client (no socket). */
export interface ConnectedClient {
  readonly clientId: string;
  readonly agent?: HelloMessage['agent'];
  /** The Ed25519 identity public key the client proved at enrollment; required to join secure rounds. */
  readonly identityKey?: Uint8Array;
  /** The hello said the client can rebuild the model from a downlink delta. */
  readonly deltaDownlink?: boolean;
}

/**
 * The one seam between the round runner (and its stages) and the clients: who is connected, and
 * sending to them. Messages in the other direction reach the runner through its
 * {@link RoundInbox}. The socket.io implementation is {@link SocketClientChannel}; tests use a
 * recording one (`testing/recording-client-channel.ts`); a multi-node coordinator puts a shared
 * (e.g. Redis-backed) one here.
 *
 * An implementer must: list only clients that completed enrollment and are still connected; send
 * to one client at most once per call and never to a client that is not connected (returning false);
 * deliver the messages to one client in the order they were sent.
 *
 * @example
 * if (!channel.send(clientId, 'goal-met', { type: 'goal-met', roundId, round })) dropped.add(clientId);
 * channel.sendToEach(cohort, 'task', task);
 * channel.broadcast('run-end', runEnd);
 */
export interface ClientChannel {
  /** How many clients are connected now. */
  readonly size: number;
  /** The connected clients, in enrollment order. */
  connected(): readonly ConnectedClient[];
  /** One connected client, or undefined. */
  client(clientId: string): ConnectedClient | undefined;
  /** Resolves true once at least `count` clients are connected, or false when `signal` aborts. */
  waitForClients(count: number, signal: AbortSignal): Promise<boolean>;
  /** Sends `event` to one client; false when it is not connected (nothing was sent). */
  send<E extends ServerEvent>(clientId: string, event: E, message: ServerMessage<E>): boolean;
  /**
   * Sends the same `message` of `event` to each of `clientIds` (a round's task to its cohort), by
   * the rules of {@link send} for each (once per client, however often it is listed); returns the
   * ids it was sent to (the connected ones, in the given order, each once). A multi-node channel
   * sends the message once for all nodes, not once per client.
   */
  sendToEach<E extends ServerEvent>(clientIds: readonly string[], event: E, message: ServerMessage<E>): string[];
  /**
   * Sends each client in `own` the message `{ ...shared, ...own.get(clientId) }` (a secure round's
   * tasks: one model, each member's own setup), by the rules of {@link send} for each; returns the
   * ids it was sent to. A multi-node channel sends `shared` once for all nodes, not once per client.
   */
  sendEach<E extends ServerEvent>(
    event: E,
    shared: ServerMessage<E>,
    own: ReadonlyMap<string, Partial<ServerMessage<E>>>,
  ): string[];
  /** Sends `event` to every connected client. */
  broadcast<E extends ServerEvent>(event: E, message: ServerMessage<E>): void;
}
