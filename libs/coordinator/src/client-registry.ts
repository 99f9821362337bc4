import type { ClientSession } from './client-session';

/**
 * The clients connected right now, by client id. A client id has at most one live session:
 * a reconnect with the same id replaces the old socket. Generic over the session so that an
 * in-memory channel (tests) keeps its clients the same way.
 */
export class ClientRegistry<S extends { readonly clientId: string } = ClientSession> {
  private readonly sessions = new Map<string, S>();
  private readonly waiters = new Set<() => void>();

  get size(): number {
    return this.sessions.size;
  }

  get(clientId: string): S | undefined {
    return this.sessions.get(clientId);
  }

  /** Adds a session and returns the one it replaced, if any. */
  add(session: S): S | undefined {
    const previous = this.sessions.get(session.clientId);
    this.sessions.set(session.clientId, session);
    for (const wake of [...this.waiters]) wake();
    return previous;
  }

  /** Removes the session only if it is still the live one for its id. */
  remove(session: S): boolean {
    if (this.sessions.get(session.clientId) !== session) return false;
    this.sessions.delete(session.clientId);
    for (const wake of [...this.waiters]) wake();
    return true;
  }

  ids(): string[] {
    return [...this.sessions.keys()];
  }

  all(): S[] {
    return [...this.sessions.values()];
  }

  /** Resolves once at least `count` clients are connected, or with false when `signal` aborts. */
  waitForClients(count: number, signal: AbortSignal): Promise<boolean> {
    return this.waitUntil(() => this.sessions.size >= count, signal);
  }

  /** Resolves once every client has left, or with false when `signal` aborts. */
  waitForEmpty(signal: AbortSignal): Promise<boolean> {
    return this.waitUntil(() => this.sessions.size === 0, signal);
  }

  private waitUntil(condition: () => boolean, signal: AbortSignal): Promise<boolean> {
    return new Promise((resolve) => {
      const check = (): void => {
        if (signal.aborted) return finish(false);
        if (condition()) finish(true);
      };
      const finish = (result: boolean): void => {
        this.waiters.delete(check);
        signal.removeEventListener('abort', check);
        resolve(result);
      };
      this.waiters.add(check);
      signal.addEventListener('abort', check);
      check();
    });
  }
}
