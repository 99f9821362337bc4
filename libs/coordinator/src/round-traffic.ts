/** The bytes one attempt of a round moved, for its record. */
export interface AttemptTraffic {
  bytesOf(cohort: Iterable<string>): { bytesUp: number; bytesDown: number };
}

/**
 * Where the round runner reads the bytes a round moved (the transport counts them). The socket.io
 * implementation is {@link SocketRoundTraffic}.
 *
 * @example
 * const traffic = roundTraffic.start(config.simulation !== undefined);
 * // ... the attempt runs ...
 * const { bytesUp, bytesDown } = traffic.bytesOf(state.cohort);
 */
export interface RoundTraffic {
  /**
   * Starts counting for one attempt: every byte from now on, or with `cohortOnly` (simulation mode)
   * only the bytes on the connections that the clients connected now have, so that a client that
   * rejoins on a new connection (or the dashboard feed) cannot move bytes into a round by timing.
   */
  start(cohortOnly: boolean): AttemptTraffic;
}
