type Listener<Args extends unknown[]> = (...args: Args) => void;

/**
 * A minimal typed event emitter that runs in browsers and Node alike (the SDK core may not
 * import `node:events`).
 */
export class TypedEmitter<Events extends Record<string, unknown[]>> {
  private readonly listeners: { [E in keyof Events]?: Set<Listener<Events[E]>> } = {};

  on<E extends keyof Events>(event: E, listener: Listener<Events[E]>): this {
    (this.listeners[event] ??= new Set()).add(listener);
    return this;
  }

  off<E extends keyof Events>(event: E, listener: Listener<Events[E]>): this {
    this.listeners[event]?.delete(listener);
    return this;
  }

  protected emit<E extends keyof Events>(event: E, ...args: Events[E]): boolean {
    const set = this.listeners[event];
    if (!set || set.size === 0) return false;
    for (const listener of [...set]) listener(...args);
    return true;
  }
}
