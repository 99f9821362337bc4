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
  /**
   * `hello` names a client id that is connected right now, and this connection did not prove the
   * identity key that id is bound to: the live connection keeps the id. Retry later or use another id.
   */
  ClientIdInUse = 'client-id-in-use',
  /**
   * Sent (as `protocol-error`) to a connection just before it is closed because its owner proved
   * the id's identity key on a newer connection. A client must not reconnect on it: the newer
   * connection is its own.
   */
  ClientReplaced = 'client-replaced',
  /** This client is banned or quarantined: enrollment is refused, and a connected client hears it before it is closed. Do not reconnect. */
  ClientBanned = 'client-banned',
  /** A secure-aggregation stage message was refused. */
  SecAggViolation = 'secagg-violation',
  /** The coordinator failed; the message was not applied. */
  Internal = 'internal',
}
