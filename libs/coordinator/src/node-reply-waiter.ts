/**
 * The leader's side of asking another node for its round reply (a partial sum): one waiter per
 * (node, round), settled by the reply, by the timeout (undefined) or by the round's abort (at once
 * when the round was aborted before it asked).
 * Replies nobody waits for (late, or for another round) are ignored.
 */
export class NodeReplyWaiter<T> {
  private readonly waiting = new Map<string, (reply?: T) => void>();

  constructor(private readonly timeoutMs: number) {}

  /** Sends the request with `send` and resolves with the node's reply, or undefined when none came in time. */
  ask(nodeId: string, roundId: string, signal: AbortSignal, send: () => void): Promise<T | undefined> {
    const id = key(nodeId, roundId);
    // An aborted round (the coordinator closing, a lost lease) asks nothing and waits for nothing:
    // the abort event fired already, so a waiter added now would only end with the timeout.
    if (signal.aborted) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const done = (reply?: T): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        this.waiting.delete(id);
        resolve(reply);
      };
      const onAbort = (): void => done();
      const timer = setTimeout(done, this.timeoutMs);
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiting.set(id, done);
      send();
    });
  }

  /** A node's reply arrived: settles the waiter for it, if there is one. */
  settle(nodeId: string, roundId: string, reply: T): void {
    this.waiting.get(key(nodeId, roundId))?.(reply);
  }
}

function key(nodeId: string, roundId: string): string {
  return `${nodeId}\u0000${roundId}`;
}
