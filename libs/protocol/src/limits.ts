/** Limits a coordinator advertises in `welcome`; a client must stay inside them. */
export interface ProtocolLimits {
  /** Largest accepted `update.payload`, in bytes. */
  maxUpdateBytes: number;
  /** Largest socket.io message the transport accepts (maxHttpBufferSize); larger ones close the connection. */
  maxMessageBytes: number;
}

/**
 * The limits a coordinator uses unless configured otherwise. Updates are model-sized: the
 * float32 delta of a 4M-parameter model is 16 MiB, and socket.io's default maxHttpBufferSize
 * (1e6 bytes) would already refuse a 1M-parameter float32 update (4 MB). maxMessageBytes leaves
 * room above maxUpdateBytes for the JSON part of a message and for the weights of a task.
 * Over HTTP long-polling binary travels base64 (+33%), so the effective payload cap there is
 * about 3/4 of maxMessageBytes (see assertUpdateFitsLimits).
 *
 * @example
 * new Server(httpServer, { maxHttpBufferSize: DEFAULT_LIMITS.maxMessageBytes });
 */
export const DEFAULT_LIMITS: Readonly<ProtocolLimits> = Object.freeze({
  maxUpdateBytes: 16 * 1024 * 1024,
  maxMessageBytes: 20 * 1024 * 1024,
});
