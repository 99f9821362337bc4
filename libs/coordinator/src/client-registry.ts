import type { ClientSession } from './client-session';

/**
 * The clients connected right now, by client id. A client id has at most one live session:
 * a reconnect with the same id replaces the old socket.
 */
export class ClientRegistry {
  private readonly sessions = new Map<string, ClientSession>();
  private readonly waiters = new Set<() => void>();

  get size(): number {
    return this.sessions.size;
  }

  get(clientId: string): ClientSession | undefined {
    return this.sessions.get(clientId);
  }

  /** Adds a session and returns the one it replaced, if any. */
  add(session: ClientSession): ClientSession | undefined {
    const previous = this.sessions.get(session.clientId);
    this.sessions.set(session.clientId, session);
    for (const wake of [...this.waiters]) wake();
    return previous;
  }

  /** Removes the session only if it is still the live one for its id. */
  remove(session: ClientSession): boolean {
    if (this.sessions.get(session.clientId) !== session) return false;
    this.sessions.delete(session.clientId);
    for (const wake of [...this.waiters]) wake();
    return true;
  }

  ids(): string[] {
    return [...this.sessions.keys()];
  }

  all(): ClientSession[] {
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
