/**
 * What guards a store's state writes in a multi-writer deployment: a Redis key holding the current
 * fencing token, and the token this writer was handed when it became leader. A write commits only
 * if the key still holds that token, checked inside the same atomic script as the write, so a
 * leader that was paused past its lease (GC, SIGSTOP, a partition) cannot commit after a successor
 * took over.
 */
export interface WriteFence {
  /** The Redis key whose value is the newest token handed out. */
  readonly tokenKey: string;
  /** The token this writer holds, or undefined when it holds none (its writes are refused). */
  currentToken(): number | undefined;
}

/** A state write refused because the writer's fencing token is not the current one. */
export class StaleFencingTokenError extends Error {
  override readonly name = 'StaleFencingTokenError';

  constructor(
    readonly token: number | undefined,
    readonly current: number | undefined,
  ) {
    super(
      `stale fencing token: this writer holds ${token === undefined ? 'none' : token}, the current token is ${current === undefined ? 'none' : current}; another leader took over`,
    );
  }
}
