import type { IncomingMessage } from 'node:http';
import type { AuthThrottle } from './auth-throttle';
import { originAllowed } from './origin-allowed';
import { setTransportCap } from './transport-cap';
import type { TransportHolder } from './transport-cap';

/** The engine.io connection (one per socket.io client, below its namespaces), as the limiter uses it. */
export interface EngineConnection extends TransportHolder {
  readonly request: IncomingMessage;
  once(event: 'close', listener: () => void): unknown;
  close(): unknown;
}

/** The engine.io server, as the limiter uses it. */
export interface EngineServer {
  on(event: 'connection', listener: (connection: EngineConnection) => void): unknown;
}

/** Connection caps; fields of the coordinator's edge config. */
export interface ConnectionLimits {
  /** Live connections in all (enrolled or not). */
  maxConnections: number;
  /** Live connections that have not enrolled (nor been admitted as dashboard viewers). */
  maxPendingConnections: number;
  /** The same, per remote address. */
  maxPendingPerAddress: number;
  /** A connection not admitted by then is closed. */
  enrollmentTimeoutMs: number;
  /** Browser origins allowed besides the coordinator's own (see {@link originAllowed}). */
  allowedOrigins: readonly string[];
  /** What a connection's transport buffers per message until it is admitted (see {@link setTransportCap}). */
  preEnrollmentTransportBytes: number;
}

/** Why a handshake was refused (the `message` engine.io sends back with its 403). */
export type HandshakeRefusal =
  | 'too-many-connections'
  | 'too-many-pending'
  | 'too-many-pending-from-address'
  | 'origin-not-allowed'
  | 'auth-throttled';

interface Tracked {
  address: string;
  admitted: boolean;
  timer: NodeJS.Timeout;
}

/** Added to the enrollment timeout at the engine level (see {@link ConnectionLimiter}). */
const ENROLLMENT_GRACE_MS = 1_000;

/** How long a handshake that passed `allowRequest` holds its slot before engine.io reports the connection. */
const RESERVATION_MS = 10_000;

/**
 * Caps connections at the engine.io handshake, before socket.io allocates anything for them:
 * all connections, connections not yet admitted (overall and per remote address), browser
 * origins, and addresses throttled for failed authentication. A connection is admitted when its
 * client enrolled (or a dashboard viewer was accepted); one that is not admitted within
 * `enrollmentTimeoutMs` (plus a second of grace) is closed. Give {@link ConnectionLimiter.allowRequest} to the engine.io
 * options and call {@link ConnectionLimiter.attach} with the engine.
 *
 * @example
 * const limiter = new ConnectionLimiter(limits, throttle);
 * const io = new Server(http, { allowRequest: limiter.allowRequest });
 * limiter.attach(io.engine);
 */
export class ConnectionLimiter {
  private readonly tracked = new Map<EngineConnection, Tracked>();
  private readonly reservations = new Map<IncomingMessage, { address: string; timer: NodeJS.Timeout }>();
  private readonly pendingByAddress = new Map<string, number>();
  private pendingCount = 0;
  /** Handshakes refused so far, by reason. */
  readonly refusals: Record<HandshakeRefusal, number> = {
    'too-many-connections': 0,
    'too-many-pending': 0,
    'too-many-pending-from-address': 0,
    'origin-not-allowed': 0,
    'auth-throttled': 0,
  };

  constructor(
    private readonly limits: ConnectionLimits,
    private readonly throttle: AuthThrottle,
  ) {}

  /** engine.io's `allowRequest` hook. */
  readonly allowRequest = (
    request: IncomingMessage,
    callback: (error: string | null | undefined, success: boolean) => void,
  ): void => {
    const refusal = this.check(request);
    if (refusal) {
      this.refusals[refusal]++;
      callback(refusal, false);
      return;
    }
    const address = addressOf(request);
    const timer = setTimeout(() => this.release(request), RESERVATION_MS);
    timer.unref();
    this.reservations.set(request, { address, timer });
    this.addPending(address, 1);
    callback(null, true);
  };

  /** Starts tracking the engine's connections. */
  attach(engine: EngineServer): void {
    engine.on('connection', (connection) => this.track(connection));
  }

  /**
   * The client on `connection` enrolled (or is an accepted viewer): it no longer counts as
   * pending, and its transport may buffer up to `transportBytes` per message when given. One
   * connection can carry several namespaces (socket.io-client multiplexes a dashboard viewer and a
   * client of one URL): the cap is raised even when a viewer on it was admitted first.
   */
  admit(connection: EngineConnection, transportBytes?: number): void {
    const tracked = this.tracked.get(connection);
    if (!tracked) return;
    if (transportBytes !== undefined) setTransportCap(connection, transportBytes);
    if (tracked.admitted) return;
    tracked.admitted = true;
    clearTimeout(tracked.timer);
    this.addPending(tracked.address, -1);
  }

  /** Live connections (all), and those not yet admitted. */
  get live(): number {
    return this.tracked.size + this.reservations.size;
  }

  get pending(): number {
    return this.pendingCount;
  }

  private check(request: IncomingMessage): HandshakeRefusal | undefined {
    const address = addressOf(request);
    if (!originAllowed(request, this.limits.allowedOrigins)) return 'origin-not-allowed';
    if (this.throttle.blocked(address)) return 'auth-throttled';
    if (this.live >= this.limits.maxConnections) return 'too-many-connections';
    if (this.pendingCount >= this.limits.maxPendingConnections) return 'too-many-pending';
    if ((this.pendingByAddress.get(address) ?? 0) >= this.limits.maxPendingPerAddress)
      return 'too-many-pending-from-address';
    return undefined;
  }

  private track(connection: EngineConnection): void {
    const reservation = this.reservations.get(connection.request);
    if (reservation) {
      clearTimeout(reservation.timer);
      this.reservations.delete(connection.request);
    } else {
      // Not seen by allowRequest (cannot happen with the hook installed): count it now.
      this.addPending(addressOf(connection.request), 1);
    }
    const address = reservation?.address ?? addressOf(connection.request);
    setTransportCap(connection, this.limits.preEnrollmentTransportBytes);
    // A second after the connection guard's own timeout, which explains itself to '/' sockets
    // first; this one closes what the guard does not see (no namespace, refused viewers).
    const timer = setTimeout(() => connection.close(), this.limits.enrollmentTimeoutMs + ENROLLMENT_GRACE_MS);
    timer.unref();
    this.tracked.set(connection, { address, admitted: false, timer });
    connection.once('close', () => {
      const tracked = this.tracked.get(connection);
      if (!tracked) return;
      clearTimeout(tracked.timer);
      this.tracked.delete(connection);
      if (!tracked.admitted) this.addPending(tracked.address, -1);
    });
  }

  private release(request: IncomingMessage): void {
    const reservation = this.reservations.get(request);
    if (!reservation) return;
    this.reservations.delete(request);
    this.addPending(reservation.address, -1);
  }

  private addPending(address: string, change: 1 | -1): void {
    this.pendingCount += change;
    const count = (this.pendingByAddress.get(address) ?? 0) + change;
    if (count <= 0) this.pendingByAddress.delete(address);
    else this.pendingByAddress.set(address, count);
  }
}

/** The peer's address as the TCP connection reports it (proxy headers are not trusted). */
export function addressOf(request: Pick<IncomingMessage, 'socket'>): string {
  return request.socket?.remoteAddress ?? 'unknown';
}
