import type { Server } from 'socket.io';

/**
 * Counts the bytes of every engine.io packet in and out (text frames as UTF-8, binary
 * attachments by length), so reports show what really crossed the wire, framing aside.
 */
export class TrafficMeter {
  bytesIn = 0;
  bytesOut = 0;
  /** The same counts per engine.io connection (`socket.conn`). */
  private readonly perConnection = new WeakMap<object, { bytesIn: number; bytesOut: number }>();

  attach(io: Server): void {
    io.engine.on('connection', (rawSocket: NodeJS.EventEmitter) => {
      const own = { bytesIn: 0, bytesOut: 0 };
      this.perConnection.set(rawSocket, own);
      rawSocket.on('packet', (packet: { data?: unknown }) => {
        const size = packetSize(packet.data);
        this.bytesIn += size;
        own.bytesIn += size;
      });
      rawSocket.on('packetCreate', (packet: { data?: unknown }) => {
        const size = packetSize(packet.data);
        this.bytesOut += size;
        own.bytesOut += size;
      });
    });
  }

  /** Bytes so far on one connection (zeros for one this meter never saw). */
  countsOf(connection: object): { bytesIn: number; bytesOut: number } {
    const own = this.perConnection.get(connection);
    return { bytesIn: own?.bytesIn ?? 0, bytesOut: own?.bytesOut ?? 0 };
  }
}

function packetSize(data: unknown): number {
  if (typeof data === 'string') return Buffer.byteLength(data, 'utf8');
  if (data instanceof ArrayBuffer) return data.byteLength;
  if (ArrayBuffer.isView(data)) return data.byteLength;
  return 0;
}
