import { io } from 'socket.io-client';
import type { ManagerOptions, Socket, SocketOptions } from 'socket.io-client';
import { PROTOCOL_VERSION } from '@edgefl/protocol';

/** An acknowledgement as a raw test client sees it: a welcome, challenge, accepted or error reply. */
export type RawReply = { type: string; code?: string; message?: string; clientId?: string; nonce?: Uint8Array };

/** A hello with the fields a raw client needs; `extra` adds or overrides any. */
export const rawHello = (extra: object = {}): object => ({
  type: 'hello',
  protocolVersions: [PROTOCOL_VERSION],
  agent: { sdk: 'raw-test' },
  ...extra,
});

/** A socket.io connection over WebSocket without reconnection, resolved once connected. */
export function connectRaw(url: string): Promise<Socket> {
  const socket = io(url, { transports: ['websocket'], reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** How a raw connection attempt ended: connected, or refused with socket.io's `connect_error` message. */
export type ConnectOutcome = { connected: true; socket: Socket } | { connected: false; socket: Socket; error: string };

/**
 * Opens a raw socket.io connection (websocket only, no reconnection) and reports whether it
 * connected: a handshake refused by the server is socket.io's `connect_error`; a connection the
 * server closed before it joined the namespace is a `disconnect` (reported as `closed: <reason>`).
 */
export function rawConnect(
  url: string,
  options: Partial<ManagerOptions & SocketOptions> = {},
): Promise<ConnectOutcome> {
  const socket = io(url, { transports: ['websocket'], reconnection: false, forceNew: true, ...options });
  return new Promise((resolve) => {
    socket.once('connect', () => resolve({ connected: true, socket }));
    socket.once('connect_error', (error: Error) => resolve({ connected: false, socket, error: error.message }));
    socket.once('disconnect', (reason: string) => resolve({ connected: false, socket, error: `closed: ${reason}` }));
  });
}

/** Resolves when the server (or the transport) closes `socket`, with the reason. */
export function disconnected(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    if (socket.disconnected && !socket.active) resolve('already disconnected');
    socket.once('disconnect', (reason: string) => resolve(reason));
  });
}

/**
 * How the coordinator dealt with what `socket` just sent: it closed the connection
 * (`closed: <reason>`) or answered with a `protocol-error` and kept it open (`answered: <code>`).
 */
export function closedOrAnswered(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    socket.once('disconnect', (reason: string) => resolve(`closed: ${reason}`));
    socket.once('protocol-error', (reply: { code?: string }) => resolve(`answered: ${String(reply?.code)}`));
  });
}

/** Emits `event` with an ack and resolves with the reply (rejects after 10 s without one). */
export function sendRaw(socket: Socket, event: string, payload: unknown): Promise<RawReply> {
  return socket.timeout(10_000).emitWithAck(event, payload);
}
