import { ErrorCode, ProtocolError, toErrorReply } from '@edgefl/protocol';
import type { ErrorReply } from '@edgefl/protocol';
import type { EdgeGuardConfig } from './edge-guard-config';
import { measurePayload } from './measure-payload';
import { TokenBucket } from './token-bucket';

/**
 * Events whose payload grows with the model or the neighbour count (`update`, masked inputs,
 * encrypted shares, revealed shares): held to the bulk cap. Every other event, the fixed-size
 * secure-aggregation messages included (`secagg-advertise` about 200 bytes, `secagg-signature`
 * about 150, `secagg-abort`), is held to `maxControlMessageBytes`.
 */
const BULK_EVENTS: ReadonlySet<string> = new Set(['update', 'secagg-shares', 'secagg-masked-input', 'secagg-reveal']);
const isBulkEvent = (event: string): boolean => BULK_EVENTS.has(event);
/** Names socket.io uses itself; a peer must never reach their listeners. */
const RESERVED_EVENTS = new Set([
  'connect',
  'connect_error',
  'disconnect',
  'disconnecting',
  'error',
  'newListener',
  'removeListener',
]);

/** What the guard uses of a socket.io socket (a plain object in unit tests). */
export interface GuardedSocket {
  /** Adds middleware that sees every incoming event packet `[event, ...args, ack?]` before any handler. */
  use(middleware: (packet: [string, ...unknown[]], next: (error?: Error) => void) => void): unknown;
  once(event: 'disconnect', listener: () => void): unknown;
  /** The handlers registered for an event (none: the event is unknown on this connection). */
  listeners(event: string): unknown[];
  emit(event: 'protocol-error', reply: ErrorReply): unknown;
  disconnect(close: boolean): unknown;
}

/** What the guard tells its owner. */
export interface ConnectionGuardHooks {
  /** Any event packet arrived (before it is screened). */
  onMessage(): void;
  /** A message was refused (by the guard or a handler). */
  onRejected(reply: ErrorReply): void;
  /** The connection is being closed for abuse or for never enrolling. */
  onClosed(reason: string): void;
}

/**
 * Polices one connection before any handler runs: a token-bucket rate limit, a size and
 * nesting cap per message, and only events this socket has a handler for (so events added by
 * later features are allowed without listing them here). Every refusal, the handlers' included
 * (through {@link ConnectionGuard.noteRejection}), draws on a rejection budget; when it runs out
 * the peer gets a final `protocol-error` (`too-many-errors`) and is disconnected. A connection
 * that has not enrolled within `enrollmentTimeoutMs` is closed the same way.
 *
 * @example
 * const guard = new ConnectionGuard(socket, config, bulkLimitBytes, hooks);
 * socket.on('hello', ...); // handlers registered after the guard still run behind it
 */
export class ConnectionGuard {
  private readonly messages: TokenBucket;
  private readonly rejections: TokenBucket;
  private closing = false;
  private readonly enrollmentTimer: NodeJS.Timeout;

  constructor(
    private readonly socket: GuardedSocket,
    private readonly config: EdgeGuardConfig,
    private readonly bulkMessageBytes: number,
    private readonly hooks: ConnectionGuardHooks,
  ) {
    this.messages = new TokenBucket(config.messagesPerSecond, config.burst);
    this.rejections = new TokenBucket((config.maxRejections * 1000) / config.rejectionWindowMs, config.maxRejections);
    this.enrollmentTimer = setTimeout(
      () => this.close(`no enrollment within ${config.enrollmentTimeoutMs} ms: closing the connection`),
      config.enrollmentTimeoutMs,
    );
    socket.once('disconnect', () => clearTimeout(this.enrollmentTimer));
    socket.use((packet, next) => {
      this.hooks.onMessage();
      try {
        this.screen(packet);
      } catch (error) {
        this.refuse(packet, error);
        return;
      }
      next();
    });
  }

  /** The peer completed enrollment: it may stay connected past `enrollmentTimeoutMs`. */
  enrolled(): void {
    clearTimeout(this.enrollmentTimer);
  }

  /** Counts a refusal made by a handler; may close the connection. */
  noteRejection(): void {
    if (!this.closing && !this.rejections.take()) {
      this.close(
        `more than ${this.config.maxRejections} refused messages within ${this.config.rejectionWindowMs} ms: closing the connection`,
      );
    }
  }

  private screen(packet: unknown[]): void {
    if (this.closing) throw new ProtocolError(ErrorCode.TooManyErrors, 'the connection is closing');
    const [event, ...args] = packet;
    if (!this.messages.take())
      throw new ProtocolError(
        ErrorCode.RateLimited,
        `more than ${this.config.messagesPerSecond} messages per second (burst ${this.config.burst})`,
      );
    if (typeof event !== 'string' || RESERVED_EVENTS.has(event) || this.socket.listeners(event).length === 0) {
      throw new ProtocolError(ErrorCode.InvalidMessage, 'unknown event');
    }
    const cap = isBulkEvent(event) ? this.bulkMessageBytes : this.config.maxControlMessageBytes;
    const measure = measurePayload(args, cap, this.config.maxNestingDepth);
    if (!measure.ok && measure.problem === 'too-large')
      throw new ProtocolError(ErrorCode.PayloadTooLarge, `${event} is larger than ${cap} bytes`);
    if (!measure.ok)
      throw new ProtocolError(
        ErrorCode.InvalidMessage,
        `${event} is nested deeper than ${this.config.maxNestingDepth} levels`,
      );
  }

  private refuse(packet: unknown[], error: unknown): void {
    if (this.closing) return;
    const reply = toErrorReply(error);
    this.hooks.onRejected(reply);
    const ack = packet[packet.length - 1];
    if (typeof ack === 'function') ack(reply);
    else this.socket.emit('protocol-error', reply);
    this.noteRejection();
  }

  private close(reason: string): void {
    if (this.closing) return;
    this.closing = true;
    clearTimeout(this.enrollmentTimer);
    this.hooks.onClosed(reason);
    this.socket.emit('protocol-error', { type: 'error', code: ErrorCode.TooManyErrors, message: reason });
    // engine.io flushes the buffered error before it closes the transport.
    this.socket.disconnect(true);
  }
}
