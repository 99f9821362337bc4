/**
 * The engine.io transport of a connection, as far as its size cap goes: a polling transport
 * reads `opts.maxHttpBufferSize` on every POST; a WebSocket transport's `ws` receiver reads
 * `_maxPayload` on every frame header (engine.io 6.6 / ws 8: both fields are per connection).
 */
interface CappableTransport {
  name?: string;
  opts?: { maxHttpBufferSize?: number };
  socket?: {
    _receiver?: { _maxPayload?: number } | null;
    once?(event: 'error', listener: () => void): unknown;
    terminate?(): void;
  };
}

/** The engine.io connection, as far as its transport goes. */
export interface TransportHolder {
  transport?: unknown;
  on(event: 'upgrade', listener: (transport: unknown) => void): unknown;
}

const caps = new WeakMap<object, number>();
const terminating = new WeakSet<object>();

/**
 * Caps what one connection's transport buffers per message (one POST body, one WebSocket
 * frame) at `bytes`, now and after a polling-to-WebSocket upgrade. A WebSocket frame above the
 * cap is refused from its header (close code 1009) and the TCP connection dropped, before its
 * payload is buffered; a POST body
 * above it is answered 413 as soon as it passes the cap. Used to hold connections that have not
 * enrolled to a few KiB, and to raise the cap to the bulk limit once they have.
 *
 * @example
 * setTransportCap(socket.conn, 66_560); // until enrollment
 * setTransportCap(socket.conn, limits.maxMessageBytes); // after
 */
export function setTransportCap(connection: TransportHolder, bytes: number): void {
  if (!caps.has(connection))
    connection.on('upgrade', (transport) => applyCap(transport, caps.get(connection) ?? bytes));
  caps.set(connection, bytes);
  applyCap(connection.transport, bytes);
}

function applyCap(transport: unknown, bytes: number): void {
  const cappable = transport as CappableTransport | undefined;
  if (!cappable) return;
  if (cappable.opts && typeof cappable.opts.maxHttpBufferSize === 'number') cappable.opts.maxHttpBufferSize = bytes;
  const socket = cappable.socket;
  const receiver = socket?._receiver;
  if (socket && receiver && typeof receiver._maxPayload === 'number') {
    receiver._maxPayload = bytes;
    // ws answers a refused frame with a close handshake and keeps reading (and discarding) what
    // the peer still streams for up to 30 s; drop the TCP connection at once instead.
    if (!terminating.has(socket) && socket.once && socket.terminate) {
      terminating.add(socket);
      const terminate = socket.terminate.bind(socket);
      socket.once('error', () => terminate());
    }
  }
}
