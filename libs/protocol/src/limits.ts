/** Limits a coordinator advertises in `welcome`; a client must stay inside them. */
export interface ProtocolLimits {
  /** Largest accepted `update.payload`, in bytes. */
  maxUpdateBytes: number;
  /** Largest socket.io message the transport accepts (maxHttpBufferSize); larger ones close the connection. */
  maxMessageBytes: number;
}
