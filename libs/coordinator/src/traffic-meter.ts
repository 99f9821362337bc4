import type { Server } from 'socket.io';

/**
 * Counts the bytes of every engine.io packet in and out (text frames as UTF-8, binary
 * attachments by length), so reports show what really crossed the wire, framing aside.
 */
export class TrafficMeter {
  bytesIn = 0;
  bytesOut = 0;

  attach(io: Server): void {
    io.engine.on('connection', (rawSocket: NodeJS.EventEmitter) => {
      rawSocket.on('packet', (packet: { data?: unknown }) => {
        this.bytesIn += packetSize(packet.data);
      });
      rawSocket.on('packetCreate', (packet: { data?: unknown }) => {
        this.bytesOut += packetSize(packet.data);
      });
    });
  }
}

function packetSize(data: unknown): number {
  if (typeof data === 'string') return Buffer.byteLength(data, 'utf8');
  if (data instanceof ArrayBuffer) return data.byteLength;
  if (ArrayBuffer.isView(data)) return data.byteLength;
  return 0;
}
