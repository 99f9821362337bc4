import { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import { AuthThrottle } from './auth-throttle';
import { ConnectionLimiter } from './connection-limiter';
import type { EngineConnection } from './connection-limiter';

const LIMITS = {
  maxConnections: 4,
  maxPendingConnections: 3,
  maxPendingPerAddress: 2,
  enrollmentTimeoutMs: 60_000,
  allowedOrigins: [],
  preEnrollmentTransportBytes: 1_024,
};

function request(address: string, origin?: string): IncomingMessage {
  return {
    socket: { remoteAddress: address },
    headers: { host: 'coordinator:7070', ...(origin ? { origin } : {}) },
  } as unknown as IncomingMessage;
}

class FakeConnection extends EventEmitter implements EngineConnection {
  closed = false;
  transport = { opts: { maxHttpBufferSize: 1e6 } };
  constructor(readonly request: IncomingMessage) {
    super();
  }
  close(): void {
    this.closed = true;
    this.emit('close');
  }
}

function allow(limiter: ConnectionLimiter, req: IncomingMessage): string | true {
  let outcome: string | true = 'no answer';
  limiter.allowRequest(req, (error, success) => (outcome = success ? true : String(error)));
  return outcome;
}

describe('ConnectionLimiter', () => {
  it('caps pending connections per address and overall, frees slots on admit and close, and caps the transport until admitted', () => {
    const limiter = new ConnectionLimiter(LIMITS, new AuthThrottle(3, 60_000));
    const engine = new EventEmitter();
    limiter.attach(engine as never);
    const open = (address: string): FakeConnection | string => {
      const req = request(address);
      const outcome = allow(limiter, req);
      if (outcome !== true) return outcome;
      const connection = new FakeConnection(req);
      engine.emit('connection', connection);
      return connection;
    };
    const a1 = open('10.0.0.1') as FakeConnection;
    expect(a1.transport.opts.maxHttpBufferSize).toBe(1_024);
    open('10.0.0.1');
    expect(open('10.0.0.1')).toBe('too-many-pending-from-address');
    open('10.0.0.2');
    expect(open('10.0.0.3')).toBe('too-many-pending');
    limiter.admit(a1, 1e6);
    expect(a1.transport.opts.maxHttpBufferSize).toBe(1e6);
    expect(limiter.pending).toBe(2);
    open('10.0.0.3');
    expect(limiter.live).toBe(4);
    expect(open('10.0.0.4')).toBe('too-many-connections');
    a1.close();
    expect(limiter.live).toBe(3);
    expect(limiter.refusals).toMatchObject({
      'too-many-pending-from-address': 1,
      'too-many-pending': 1,
      'too-many-connections': 1,
    });
  });

  it('refuses foreign origins and throttled addresses at the handshake', () => {
    const throttle = new AuthThrottle(2, 60_000);
    const limiter = new ConnectionLimiter(LIMITS, throttle);
    expect(allow(limiter, request('10.0.0.1', 'http://evil.example'))).toBe('origin-not-allowed');
    expect(allow(limiter, request('10.0.0.1', 'http://coordinator:7070'))).toBe(true);
    throttle.failed('10.0.0.9');
    throttle.failed('10.0.0.9');
    expect(allow(limiter, request('10.0.0.9'))).toBe('auth-throttled');
  });
});
