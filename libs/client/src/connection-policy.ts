/** How a {@link FederatedClient} connects and reconnects (all optional; defaults in {@link DEFAULT_CONNECTION_POLICY}). */
export interface ConnectionOptions {
  /** Time allowed for one connection attempt to open (socket.io's connect timeout), in ms. */
  timeoutMs?: number;
  /**
   * Failed attempts in a row tolerated before giving up: `run()` then rejects with
   * `CoordinatorUnreachableError`. Counts the first connection and every reconnection. A
   * `welcome` alone does not reset it: a connection lost before it proved itself counts as one more
   * failure in a row (so a node that welcomes and then drops is backed off and given up on like an
   * unreachable one); the count starts again once a connection received a task, or stayed up for
   * `maxBackoffMs`. `Infinity` retries for ever.
   */
  retries?: number;
  /** Delay before the first retry, in ms; it doubles per failed attempt (with ±50 % jitter). */
  backoffMs?: number;
  /** Longest delay between two attempts, in ms. */
  maxBackoffMs?: number;
}

/** A resolved {@link ConnectionOptions}. */
export type ConnectionPolicy = Readonly<Required<ConnectionOptions>>;

/**
 * The defaults: 10 s per attempt, 10 retries, 0.5 s doubling up to 10 s between attempts (about a
 * minute of waiting, e.g. for a coordinator restart, before giving up).
 */
export const DEFAULT_CONNECTION_POLICY: ConnectionPolicy = {
  timeoutMs: 10_000,
  retries: 10,
  backoffMs: 500,
  maxBackoffMs: 10_000,
};

/**
 * Fills in the defaults and checks every field, naming the bad one.
 *
 * @example
 * resolveConnectionPolicy({ retries: 0 }); // fail at the first unreachable attempt
 */
export function resolveConnectionPolicy(
  options: ConnectionOptions = {},
  name = 'options.connection',
): ConnectionPolicy {
  if (typeof options !== 'object' || options === null) throw new TypeError(`${name} must be an object`);
  const policy = { ...DEFAULT_CONNECTION_POLICY, ...stripUndefined(options) };
  const positive = (key: keyof ConnectionOptions, allowZero: boolean): void => {
    const value = policy[key];
    if (typeof value !== 'number' || Number.isNaN(value) || value < (allowZero ? 0 : 1)) {
      throw new RangeError(`${name}.${key} must be a number ${allowZero ? '>= 0' : '>= 1'}, got ${String(value)}`);
    }
  };
  positive('timeoutMs', false);
  positive('retries', true);
  positive('backoffMs', true);
  positive('maxBackoffMs', true);
  if (policy.retries !== Number.POSITIVE_INFINITY && !Number.isInteger(policy.retries))
    throw new RangeError(`${name}.retries must be an integer or Infinity, got ${policy.retries}`);
  if (!Number.isFinite(policy.timeoutMs))
    throw new RangeError(`${name}.timeoutMs must be finite, got ${policy.timeoutMs}`);
  if (policy.maxBackoffMs < policy.backoffMs)
    throw new RangeError(`${name}.maxBackoffMs (${policy.maxBackoffMs}) must be >= backoffMs (${policy.backoffMs})`);
  return Object.freeze(policy);
}

/**
 * The delay before retry number `attempt` (1 for the first): `backoffMs * 2^(attempt-1)`,
 * jittered by ±50 % (`random` in [0, 1)) so a fleet that lost its coordinator does not come back
 * all at once, capped at `maxBackoffMs`.
 *
 * @example
 * backoffDelay(DEFAULT_CONNECTION_POLICY, 3, () => 0.5); // 2000
 */
export function backoffDelay(policy: ConnectionPolicy, attempt: number, random: () => number): number {
  const base = policy.backoffMs * 2 ** Math.min(Math.max(attempt - 1, 0), 30);
  const jittered = base * (0.5 + random());
  return Math.round(Math.min(jittered, policy.maxBackoffMs));
}

function stripUndefined(options: ConnectionOptions): ConnectionOptions {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as ConnectionOptions;
}
