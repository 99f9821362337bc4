import type { ClientChannel, ConnectedClient, ServerEvent, ServerMessage } from './client-channel';

/**
 * A {@link ClientChannel} whose fan-outs are one {@link send} per recipient: right where every
 * client is reached directly (one node, or a test), so that "once for all nodes" is the same as
 * once per client. Implementers supply the roster and `send`; `sendToEach` and `sendEach` follow
 * the channel's rules from it (each client once, only connected ones, in the given order).
 */
export abstract class OneByOneClientChannel implements ClientChannel {
  abstract readonly size: number;
  abstract connected(): readonly ConnectedClient[];
  abstract client(clientId: string): ConnectedClient | undefined;
  abstract waitForClients(count: number, signal: AbortSignal): Promise<boolean>;
  abstract send<E extends ServerEvent>(clientId: string, event: E, message: ServerMessage<E>): boolean;
  abstract broadcast<E extends ServerEvent>(event: E, message: ServerMessage<E>): void;

  sendToEach<E extends ServerEvent>(clientIds: readonly string[], event: E, message: ServerMessage<E>): string[] {
    return [...new Set(clientIds)].filter((clientId) => this.send(clientId, event, message));
  }

  sendEach<E extends ServerEvent>(
    event: E,
    shared: ServerMessage<E>,
    own: ReadonlyMap<string, Partial<ServerMessage<E>>>,
  ): string[] {
    return [...own]
      .filter(([clientId, fields]) => this.send(clientId, event, { ...shared, ...fields }))
      .map(([clientId]) => clientId);
  }
}
