/** How the coordinator polices each connection; see {@link resolveEdgeGuardConfig} for the defaults. */
export interface EdgeGuardConfig {
  /** Sustained messages per second a connection may send (token bucket rate). */
  messagesPerSecond: number;
  /** Messages a connection may send at once before the rate applies (token bucket size). */
  burst: number;
  /** Largest estimated size of any message except `update` (whose payload has `limits.maxUpdateBytes`). */
  maxControlMessageBytes: number;
  /** Deepest nesting of objects and arrays accepted in a message. */
  maxNestingDepth: number;
  /** Refused messages a connection may accumulate (refilled at `maxRejections` per `rejectionWindowMs`) before it is closed. */
  maxRejections: number;
  rejectionWindowMs: number;
  /** A connection that has not completed enrollment (welcome) by then is closed. */
  enrollmentTimeoutMs: number;
  /** Longest CONNECT packet (its auth payload stays with the socket), refused before it is parsed. */
  maxConnectBytes: number;
  /** Bytes of binary attachments per packet before a connection enrolled (after: the bulk cap). */
  maxPreEnrollmentBinaryBytes: number;
  /** Binary attachments per packet. */
  maxAttachments: number;
  /** Live connections in all. */
  maxConnections: number;
  /** Live connections that have not enrolled (dashboard viewers count until accepted). */
  maxPendingConnections: number;
  /** The same, per remote address. */
  maxPendingPerAddress: number;
  /** Failed authentications per remote address (refilled at this many per `authFailureWindowMs`) before the address is refused. */
  maxAuthFailures: number;
  authFailureWindowMs: number;
  /** Browser origins allowed to open a connection besides the coordinator's own; `*` allows any. Requests without `Origin` always pass. */
  allowedOrigins: string[];
}

export const DEFAULT_EDGE_GUARD_CONFIG: Readonly<EdgeGuardConfig> = Object.freeze({
  messagesPerSecond: 20,
  burst: 40,
  maxControlMessageBytes: 64 * 1024,
  maxNestingDepth: 16,
  maxRejections: 30,
  rejectionWindowMs: 10_000,
  enrollmentTimeoutMs: 10_000,
  maxConnectBytes: 4 * 1024,
  maxPreEnrollmentBinaryBytes: 4 * 1024,
  maxAttachments: 10,
  maxConnections: 10_000,
  maxPendingConnections: 512,
  maxPendingPerAddress: 128,
  maxAuthFailures: 10,
  authFailureWindowMs: 60_000,
  allowedOrigins: [],
});

/**
 * Fills defaults and checks every field, naming the bad one.
 *
 * @example
 * resolveEdgeGuardConfig({ messagesPerSecond: 50, burst: 100 });
 */
export function resolveEdgeGuardConfig(partial: Partial<EdgeGuardConfig> = {}): EdgeGuardConfig {
  const config: EdgeGuardConfig = { ...DEFAULT_EDGE_GUARD_CONFIG, ...partial };
  if (!(config.messagesPerSecond > 0) || !Number.isFinite(config.messagesPerSecond)) {
    throw new RangeError(`edge.messagesPerSecond must be a positive number, got ${config.messagesPerSecond}`);
  }
  const integers = [
    'burst',
    'maxControlMessageBytes',
    'maxNestingDepth',
    'maxRejections',
    'rejectionWindowMs',
    'enrollmentTimeoutMs',
    'maxConnectBytes',
    'maxPreEnrollmentBinaryBytes',
    'maxAttachments',
    'maxConnections',
    'maxPendingConnections',
    'maxPendingPerAddress',
    'maxAuthFailures',
    'authFailureWindowMs',
  ] as const;
  for (const key of integers) {
    if (!Number.isInteger(config[key]) || config[key] < 1)
      throw new RangeError(`edge.${key} must be an integer >= 1, got ${config[key]}`);
  }
  for (const key of ['enrollmentTimeoutMs', 'rejectionWindowMs', 'authFailureWindowMs'] as const) {
    // setTimeout fires at once past 2^31 - 1 ms.
    if (config[key] > 2_000_000_000)
      throw new RangeError(`edge.${key} must be at most 2000000000 ms, got ${config[key]}`);
  }
  if (
    !Array.isArray(config.allowedOrigins) ||
    !config.allowedOrigins.every((origin) => typeof origin === 'string' && origin.length > 0)
  ) {
    throw new TypeError('edge.allowedOrigins must be an array of origins (e.g. https://lab.example.org) or ["*"]');
  }
  return config;
}
