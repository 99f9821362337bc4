import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import { PROTOCOL_VERSION } from '@edgefl/protocol';

/** An acknowledgement as a raw test client sees it: a welcome, challenge, accepted or error reply. */
export type RawReply = { type: string; code?: string; message?: string; clientId?: string; nonce?: Uint8Array };

/** A hello with the fields a raw client needs; `extra` adds or overrides any. */
export const rawHello = (extra: object = {}): object => ({ type: 'hello', protocolVersions: [PROTOCOL_VERSION], agent: { sdk: 'raw-test' }, ...extra });

/** A socket.io connection over WebSocket without reconnection, resolved once connected. */
export function connectRaw(url: string): Promise<Socket> {
  const socket = io(url, { transports: ['websocket'], reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** Emits `event` with an ack and resolves with the reply (rejects after 10 s without one). */
export function sendRaw(socket: Socket, event: string, payload: unknown): Promise<RawReply> {
  return socket.timeout(10_000).emitWithAck(event, payload);
}
