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
}

export const DEFAULT_EDGE_GUARD_CONFIG: Readonly<EdgeGuardConfig> = Object.freeze({
  messagesPerSecond: 20,
  burst: 40,
  maxControlMessageBytes: 64 * 1024,
  maxNestingDepth: 16,
  maxRejections: 30,
  rejectionWindowMs: 10_000,
  enrollmentTimeoutMs: 60_000,
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
  for (const key of ['burst', 'maxControlMessageBytes', 'maxNestingDepth', 'maxRejections', 'rejectionWindowMs', 'enrollmentTimeoutMs'] as const) {
    if (!Number.isInteger(config[key]) || config[key] < 1) throw new RangeError(`edge.${key} must be an integer >= 1, got ${config[key]}`);
  }
  return config;
}
