import { ErrorCode } from '@edgefl/protocol';
import type { ErrorReply } from '@edgefl/protocol';
import { ConnectionGuard } from './connection-guard';
import type { GuardedSocket } from './connection-guard';
import { resolveEdgeGuardConfig } from './edge-guard-config';
import type { EdgeGuardConfig } from './edge-guard-config';

/** A socket without a network: packets are pushed through the guard's middleware by hand. */
class FakeSocket implements GuardedSocket {
  readonly emitted: ErrorReply[] = [];
  disconnected = false;
  readonly handled: string[] = [];
  private middleware?: (packet: [string, ...unknown[]], next: (error?: Error) => void) => void;
  private readonly onDisconnect: Array<() => void> = [];
  constructor(private readonly events: readonly string[]) {}
  use(middleware: (packet: [string, ...unknown[]], next: (error?: Error) => void) => void): this {
    this.middleware = middleware;
    return this;
  }
  once(_event: 'disconnect', listener: () => void): this {
    this.onDisconnect.push(listener);
    return this;
  }
  listeners(event: string): unknown[] {
    return this.events.includes(event) ? [() => undefined] : [];
  }
  emit(_event: 'protocol-error', reply: ErrorReply): boolean {
    this.emitted.push(reply);
    return true;
  }
  disconnect(): this {
    this.disconnected = true;
    for (const listener of this.onDisconnect) listener();
    return this;
  }
  /** Delivers a packet that carries no ack function. */
  deliverWithoutAck(event: string, ...args: unknown[]): void {
    this.middleware?.([event, ...args], () => this.handled.push(event));
  }
  /** Delivers a packet; returns the ack reply, if the guard answered through it, or 'passed' when a handler would run. */
  deliver(event: string, ...args: unknown[]): ErrorReply | 'passed' | 'no-ack-reply' {
    let acked: ErrorReply | undefined;
    let passed = false;
    const ack = (reply: ErrorReply): void => {
      acked = reply;
    };
    this.middleware?.([event, ...args, ack], () => {
      passed = true;
      this.handled.push(event);
    });
    return passed ? 'passed' : (acked ?? 'no-ack-reply');
  }
}

function guarded(config: Partial<EdgeGuardConfig> = {}, bulkBytes = 1_000) {
  const socket = new FakeSocket(['hello', 'update', 'secagg-advertise']);
  const log = { messages: 0, rejected: [] as string[], closed: [] as string[] };
  const guard = new ConnectionGuard(socket, resolveEdgeGuardConfig(config), bulkBytes, {
    onMessage: () => log.messages++,
    onRejected: (reply) => log.rejected.push(reply.code),
    onClosed: (reason) => log.closed.push(reason),
  });
  return { socket, guard, log };
}

describe('ConnectionGuard (no sockets)', () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  it('lets known events of allowed size through and refuses unknown and reserved events', () => {
    const { socket, log } = guarded();
    expect(socket.deliver('hello', { type: 'hello' })).toBe('passed');
    expect(socket.deliver('nonsense', {})).toMatchObject({ code: ErrorCode.InvalidMessage, message: 'unknown event' });
    expect(socket.deliver('disconnect')).toMatchObject({ code: ErrorCode.InvalidMessage });
    expect(socket.handled).toEqual(['hello']);
    expect(log).toMatchObject({ messages: 3, rejected: [ErrorCode.InvalidMessage, ErrorCode.InvalidMessage] });
  });

  it('holds control messages to maxControlMessageBytes and bulk events to the bulk cap, and bounds nesting', () => {
    const { socket } = guarded({ maxControlMessageBytes: 100, maxNestingDepth: 3 }, 1_000);
    expect(socket.deliver('hello', 'x'.repeat(101))).toMatchObject({ code: ErrorCode.PayloadTooLarge });
    expect(socket.deliver('update', new Uint8Array(500))).toBe('passed');
    expect(socket.deliver('update', new Uint8Array(1_001))).toMatchObject({ code: ErrorCode.PayloadTooLarge });
    // The fixed-size secure messages are control messages.
    expect(socket.deliver('secagg-advertise', 'x'.repeat(101))).toMatchObject({ code: ErrorCode.PayloadTooLarge });
    expect(socket.deliver('hello', { a: { b: { c: { d: 1 } } } })).toMatchObject({
      code: ErrorCode.InvalidMessage,
      message: 'hello is nested deeper than 3 levels',
    });
  });

  it('rate-limits to the burst, then refills at messagesPerSecond', () => {
    const { socket } = guarded({ messagesPerSecond: 2, burst: 3, maxRejections: 100 });
    expect([1, 2, 3].map(() => socket.deliver('hello'))).toEqual(['passed', 'passed', 'passed']);
    expect(socket.deliver('hello')).toMatchObject({ code: ErrorCode.RateLimited });
    jest.advanceTimersByTime(500);
    expect(socket.deliver('hello')).toBe('passed');
    expect(socket.deliver('hello')).toMatchObject({ code: ErrorCode.RateLimited });
  });

  it('answers a refused message without an ack by a protocol-error event', () => {
    const { socket } = guarded();
    socket.deliverWithoutAck('nonsense', {});
    expect(socket.emitted).toEqual([{ type: 'error', code: ErrorCode.InvalidMessage, message: 'unknown event' }]);
  });

  it('closes the connection when refusals (its own and the handlers’) exceed the budget', () => {
    const { socket, guard, log } = guarded({ maxRejections: 3, rejectionWindowMs: 10_000 });
    socket.deliver('nonsense');
    guard.noteRejection();
    socket.deliver('nonsense');
    expect(socket.disconnected).toBe(false);
    guard.noteRejection();
    expect(socket.disconnected).toBe(true);
    expect(log.closed).toEqual(['more than 3 refused messages within 10000 ms: closing the connection']);
    expect(socket.emitted.at(-1)).toMatchObject({ code: ErrorCode.TooManyErrors });
    // Once closing, nothing more gets through.
    expect(socket.deliver('hello')).not.toBe('passed');
  });

  it('closes a connection that does not enroll in time, and keeps one that does', () => {
    const late = guarded({ enrollmentTimeoutMs: 1_000 });
    const enrolled = guarded({ enrollmentTimeoutMs: 1_000 });
    enrolled.guard.enrolled();
    jest.advanceTimersByTime(999);
    expect(late.socket.disconnected).toBe(false);
    jest.advanceTimersByTime(1);
    expect(late.socket.disconnected).toBe(true);
    expect(late.log.closed).toEqual(['no enrollment within 1000 ms: closing the connection']);
    expect(enrolled.socket.disconnected).toBe(false);
  });
});
