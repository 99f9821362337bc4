/** Machine-readable reasons carried by every error reply. */
export enum ErrorCode {
  /** The message is not an object of the expected shape; `message` names the field. */
  InvalidMessage = 'invalid-message',
  /** No protocol version in common. */
  UnsupportedVersion = 'unsupported-version',
  /** The socket has not completed `hello`. */
  NotRegistered = 'not-registered',
  /** Enrollment refused (bad token, unknown key). */
  Unauthorized = 'unauthorized',
  /** The report names a round that is not open, or one this client was not selected for. */
  WrongRound = 'wrong-round',
  /** The report arrived after the round's deadline or after the round closed. */
  LateReport = 'late-report',
  /** This client already reported for this round. */
  DuplicateReport = 'duplicate-report',
  /** The update's length, shape, dtype or values (NaN, Inf) are wrong. */
  InvalidUpdate = 'invalid-update',
  /** The payload exceeds the advertised `limits.maxUpdateBytes`. */
  PayloadTooLarge = 'payload-too-large',
  /** Too many messages in a short time. */
  RateLimited = 'rate-limited',
  /** The connection sent too many refused or rate-limited messages; it is closed right after this reply. */
  TooManyErrors = 'too-many-errors',
  /** A secure-aggregation stage message was refused. */
  SecAggViolation = 'secagg-violation',
  /**
   * Sent as a `protocol-error` event right before the coordinator closes a connection because
   * another connection enrolled under the same client id: the client must not reconnect by itself.
   */
  ClientReplaced = 'client-replaced',
  /** The client id is banned (refused at `hello`, or sent before the connection is closed): do not reconnect. */
  ClientBanned = 'client-banned',
  /** The coordinator failed; the message was not applied. */
  Internal = 'internal',
}
