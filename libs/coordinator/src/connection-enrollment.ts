import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io';
import {
  ErrorCode,
  ProtocolError,
  SUPPORTED_PROTOCOL_VERSIONS,
  negotiateProtocolVersion,
  parseAuthenticateMessage,
  parseHelloMessage,
  toErrorReply,
} from '@edgefl/protocol';
import type {
  ChallengeMessage,
  ClientToServerEvents,
  HelloMessage,
  RunEndMessage,
  ServerToClientEvents,
  WelcomeMessage,
} from '@edgefl/protocol';
import { assertMayTakeOver } from './assert-may-take-over';
import type { ClientRegistry } from './client-registry';
import type { ClientSession } from './client-session';
import type { CoordinatorConfig } from './coordinator-config';
import type { CoordinatorEmitter } from './coordinator-emitter';
import type { CoordinatorLogger } from './coordinator-logger';
import type { EnrollmentGate, PendingChallenge } from './enrollment-gate';

type EdgeSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

/** Refusal of a hello sent without an ack id: its reply could not reach the client (docs/PROTOCOL.md section 2). */
const HELLO_NEEDS_ACK = 'hello must be sent with an ack id: the welcome, challenge or error comes back as its ack';
/** Refusal of a keyless hello when every round is secure (docs/PROTOCOL.md section 2). */
const SECURE_RUN_NEEDS_IDENTITY_KEY =
  'hello.identityKey is missing: every round of this run uses secure aggregation, which takes only clients with a proven Ed25519 identity key';

/** What every connection's enrollment shares. */
export interface EnrollmentContext {
  config: CoordinatorConfig;
  gate: EnrollmentGate;
  registry: ClientRegistry;
  events: CoordinatorEmitter;
  logger: CoordinatorLogger;
  /** Given to every welcomed client when the model is not public (`welcome.modelToken`). */
  modelToken?: string;
  /** Throws `rate-limited` when the connection's address failed authentication too often. */
  checkAuthThrottle(socket: EdgeSocket): void;
  /** The run's end, once it ended: told to a client that registers afterwards. */
  runEnd(): RunEndMessage | undefined;
  /** A session joined the registry (the connection is now trusted with bigger messages). */
  onRegistered(session: ClientSession): void;
}

/**
 * One connection's enrollment (docs/PROTOCOL.md, "Enrollment"): `hello`, the optional
 * challenge-response, then registration right after the welcome went out. One enrollment per
 * connection (a reconnect is a new connection and enrolls again): the first acceptable hello starts
 * it, and only its failure allows another.
 *
 * @example
 * const enrollment = new ConnectionEnrollment(socket, context);
 * socket.on('hello', (raw, ack) => reply(ack, () => enrollment.hello(raw, ack), () => enrollment.register()));
 */
export class ConnectionEnrollment {
  /** Set once the client was welcomed. */
  session?: ClientSession;
  private enrolling = false;
  private challenge?: { pending: PendingChallenge; hello: HelloMessage; protocolVersion: number };

  constructor(
    private readonly socket: EdgeSocket,
    private readonly context: EnrollmentContext,
  ) {}

  /** Answers a `hello`: a welcome, or a challenge when it names an identity key. */
  async hello(raw: unknown, ack: unknown): Promise<WelcomeMessage | ChallengeMessage> {
    const { config, gate } = this.context;
    if (this.session)
      throw new ProtocolError(ErrorCode.InvalidMessage, 'hello was already accepted on this connection');
    if (this.enrolling) throw new ProtocolError(ErrorCode.InvalidMessage, 'hello was already sent on this connection');
    if (typeof ack !== 'function') throw new ProtocolError(ErrorCode.InvalidMessage, HELLO_NEEDS_ACK);
    this.context.checkAuthThrottle(this.socket);
    const hello = parseHelloMessage(raw);
    if (config.secure && hello.identityKey === undefined)
      throw new ProtocolError(ErrorCode.Unauthorized, SECURE_RUN_NEEDS_IDENTITY_KEY);
    const protocolVersion = negotiateProtocolVersion(hello.protocolVersions, SUPPORTED_PROTOCOL_VERSIONS);
    gate.checkCredentials(hello);
    const clientId = hello.clientId ?? `c-${randomUUID()}`;
    const issued = gate.challengeFor(hello, clientId);
    this.enrolling = true;
    if (issued) {
      await gate.recordChallenge(issued.pending).catch((error: unknown) => {
        this.enrolling = false;
        throw error;
      });
      this.challenge = { pending: issued.pending, hello, protocolVersion };
      return issued.message;
    }
    try {
      return await this.admit(hello, clientId, protocolVersion);
    } catch (error) {
      this.enrolling = false;
      throw error;
    }
  }

  /** Answers an `authenticate` (the signed challenge) with the welcome. */
  async authenticate(raw: unknown): Promise<WelcomeMessage> {
    if (this.session)
      throw new ProtocolError(
        ErrorCode.Unauthorized,
        'this connection is already authenticated: a challenge is answered once',
      );
    this.context.checkAuthThrottle(this.socket);
    const issued = this.challenge;
    if (!issued)
      throw new ProtocolError(ErrorCode.Unauthorized, 'no challenge is pending on this connection: send hello first');
    this.challenge = undefined; // single-use, whether the answer is right or wrong
    try {
      const { signature } = parseAuthenticateMessage(raw);
      await this.context.gate.consumeChallenge(issued.pending);
      this.context.gate.verify(issued.pending, signature);
      return await this.admit(
        issued.hello,
        issued.pending.clientId,
        issued.protocolVersion,
        issued.pending.identityKey,
      );
    } catch (error) {
      this.enrolling = false;
      throw error;
    }
  }

  /** Registers the welcomed session; runs right after the welcome is acked, so the client always hears welcome before any task. */
  register(): void {
    const { session, socket } = this;
    const { registry, logger, events } = this.context;
    if (!session || socket.disconnected || registry.get(session.clientId) === session) return;
    try {
      assertMayTakeOver(registry.get(session.clientId), socket, session.identityKey);
    } catch (error) {
      // Another connection registered this id between our welcome and now.
      socket.emit('protocol-error', toErrorReply(error));
      socket.disconnect(true);
      return;
    }
    const replaced = registry.add(session);
    this.context.onRegistered(session);
    if (replaced && replaced.socket !== socket) {
      const message = `client id ${session.clientId} proved its identity key on a newer connection; this one is closed`;
      replaced.socket.emit('protocol-error', { type: 'error', code: ErrorCode.ClientReplaced, message });
      replaced.socket.disconnect(true);
    }
    logger.info({ clientId: session.clientId, backend: session.agent.backend }, 'client registered');
    events.emit('client-connected', {
      clientId: session.clientId,
      backend: session.agent.backend,
      connected: registry.size,
    });
    // A client that was away when the run ended learns it as soon as it is back.
    const runEnd = this.context.runEnd();
    if (runEnd) setImmediate(() => socket.emit('run-end', runEnd));
  }

  private async admit(
    hello: HelloMessage,
    clientId: string,
    protocolVersion: number,
    provenKey?: Uint8Array,
  ): Promise<WelcomeMessage> {
    const { config, gate, registry, modelToken } = this.context;
    const { socket } = this;
    gate.assertNotBanned(clientId);
    // A live id is taken over only by proving its key: checked before the registry pins anything, and again at registration.
    assertMayTakeOver(registry.get(clientId), socket, provenKey);
    await gate.enroll(clientId, provenKey);
    if (socket.disconnected)
      throw new ProtocolError(ErrorCode.NotRegistered, 'the connection closed during enrollment');
    this.session = {
      clientId,
      socket,
      agent: hello.agent,
      protocolVersion,
      connectedAt: Date.now(),
      identityKey: provenKey,
      deltaDownlink: hello.deltaDownlink === true,
    };
    return {
      type: 'welcome' as const,
      protocolVersion,
      clientId,
      runId: config.runId,
      limits: config.limits,
      modelToken,
      ...(config.secure ? { secure: true } : {}),
    };
  }
}
