import type { Socket } from 'socket.io';
import {
  ErrorCode,
  ProtocolError,
  parseSecAggAbortMessage,
  parseSecAggComplaintMessage,
  parseUpdateMessage,
} from '@edgefl/protocol';
import type { ClientToServerEvents, RunEndMessage, ServerToClientEvents } from '@edgefl/protocol';
import type { AuthThrottle } from './auth-throttle';
import type { ClientRegistry } from './client-registry';
import type { ClientSession } from './client-session';
import { ConnectionEnrollment } from './connection-enrollment';
import { ConnectionGuard } from './connection-guard';
import { addressOf } from './connection-limiter';
import type { ConnectionLimiter } from './connection-limiter';
import type { CoordinatorConfig } from './coordinator-config';
import type { CoordinatorEmitter } from './coordinator-emitter';
import type { CoordinatorLogger } from './coordinator-logger';
import type { CoordinatorMetrics } from './coordinator-metrics';
import type { DownlinkPlanner } from './downlink-planner';
import type { EdgeGuardConfig } from './edge-guard-config';
import { edgeDecoderOf } from './edge-parser';
import type { EnrollmentGate } from './enrollment-gate';
import { replyToMessage } from './reply-to-message';
import type { RoundInbox } from './round-inbox';
import { SECURE_STAGE_EVENTS } from './stages/secure-stage';

type EdgeSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

/** What a {@link ConnectionHandler} works with. */
export interface ConnectionHandlerOptions {
  config: CoordinatorConfig;
  edge: EdgeGuardConfig;
  registry: ClientRegistry;
  gate: EnrollmentGate;
  connections: ConnectionLimiter;
  authThrottle: AuthThrottle;
  metrics: Pick<CoordinatorMetrics, 'messageReceived' | 'connectionClosedForAbuse'>;
  events: CoordinatorEmitter;
  logger: CoordinatorLogger;
  /** Where the round messages of enrolled clients go (the round runner). */
  inbox: RoundInbox;
  /** The run's end, once it ended. */
  runEnd(): RunEndMessage | undefined;
  modelToken?: string;
  downlink?: DownlinkPlanner;
}

/**
 * The socket.io side of the coordinator: for every connection, the {@link ConnectionGuard}
 * (rate, size and abuse limits), the {@link ConnectionEnrollment} (hello, challenge, registration)
 * and the routing of each enrolled client's messages to the round runner's {@link RoundInbox};
 * replies go back as acks (or `protocol-error`), and a disconnect takes the client out of the
 * registry and its round.
 *
 * @example
 * const handler = new ConnectionHandler(options);
 * io.on('connection', (socket) => handler.attach(socket));
 */
export class ConnectionHandler {
  private readonly guards = new WeakMap<EdgeSocket, ConnectionGuard>();

  constructor(private readonly options: ConnectionHandlerOptions) {}

  /** Starts serving one new connection. */
  attach(socket: EdgeSocket): void {
    const { config, edge, inbox, registry, metrics, events, logger } = this.options;
    const guard = new ConnectionGuard(socket, edge, config.limits.maxUpdateBytes + edge.maxControlMessageBytes, {
      onMessage: () => metrics.messageReceived(),
      onRejected: (reply) =>
        events.emit('rejected', { clientId: enrollment.session?.clientId, code: reply.code, message: reply.message }),
      onClosed: (reason) => {
        metrics.connectionClosedForAbuse();
        logger.warn(
          { clientId: enrollment.session?.clientId, roundId: inbox.openRoundId, reason },
          'connection closed for abuse',
        );
      },
    });
    this.guards.set(socket, guard);
    const enrollment = new ConnectionEnrollment(socket, {
      config,
      gate: this.options.gate,
      registry,
      events,
      logger,
      modelToken: this.options.modelToken,
      checkAuthThrottle: (peer) => this.checkAuthThrottle(peer),
      runEnd: () => this.options.runEnd(),
      onRegistered: (session) => {
        this.options.downlink?.forget(session.clientId);
        guard.enrolled();
        this.options.connections.admit(socket.conn, config.limits.maxMessageBytes);
        edgeDecoderOf(socket)?.raiseBinaryCap(config.limits.maxMessageBytes);
      },
    });
    const enrolled = (event: string): ClientSession => {
      if (!enrollment.session) throw new ProtocolError(ErrorCode.NotRegistered, `send hello before ${event}`);
      return enrollment.session;
    };
    /** Runs a round message's handler; any refusal counts against the open round. */
    const forRound = <T>(handler: () => T): T => {
      try {
        return handler();
      } catch (error) {
        inbox.refused();
        throw error;
      }
    };
    const accepted = (roundId: string): object => ({ type: 'accepted' as const, roundId });
    const clientId = (): string | undefined => enrollment.session?.clientId;

    socket.on('hello', (raw: unknown, ack: unknown) => {
      this.reply(
        socket,
        ack,
        undefined,
        () => enrollment.hello(raw, ack),
        () => enrollment.register(),
      );
    });
    socket.on('authenticate', (raw: unknown, ack: unknown) => {
      this.reply(
        socket,
        ack,
        clientId(),
        () => enrollment.authenticate(raw),
        () => enrollment.register(),
      );
    });
    socket.on('update', (raw: unknown, ack: unknown) => {
      this.reply(socket, ack, clientId(), () =>
        forRound(() => {
          const session = enrolled('update');
          return accepted(inbox.update(session.clientId, parseUpdateMessage(raw, config.limits)).roundId);
        }),
      );
    });
    for (const event of SECURE_STAGE_EVENTS) {
      socket.on(event, (raw: unknown, ack: unknown) => {
        this.reply(socket, ack, clientId(), () => {
          const session = enrolled(event);
          return forRound(() => accepted(inbox.secureMessage(session.clientId, event, raw).roundId));
        });
      });
    }
    socket.on('secagg-abort', (raw: unknown, ack: unknown) => {
      this.reply(socket, ack, clientId(), () => {
        const session = enrolled('secagg-abort');
        return accepted(inbox.secureAbort(session.clientId, parseSecAggAbortMessage(raw)).roundId);
      });
    });
    socket.on('secagg-complaint', (raw: unknown, ack: unknown) => {
      this.reply(socket, ack, clientId(), () => {
        const session = enrolled('secagg-complaint');
        return accepted(inbox.complaint(session.clientId, parseSecAggComplaintMessage(raw)).roundId);
      });
    });
    socket.on('disconnect', () => {
      const { session } = enrollment;
      if (!session || !registry.remove(session)) return;
      inbox.clientLeft(session.clientId);
      logger.info({ clientId: session.clientId }, 'client disconnected');
      events.emit('client-disconnected', { clientId: session.clientId, connected: registry.size });
    });
  }

  /**
   * Bans a client id for the life of this coordinator: its enrollments get `client-banned`, and a
   * live connection hears `client-banned` and is closed.
   */
  ban(clientId: string, reason: string): void {
    this.options.gate.ban(clientId);
    const live = this.options.registry.get(clientId);
    if (!live) return;
    live.socket.emit('protocol-error', {
      type: 'error',
      code: ErrorCode.ClientBanned,
      message: `client ${clientId}: ${reason}`,
    });
    live.socket.disconnect(true);
  }

  /** Answers one message through {@link replyToMessage}, reporting refusals the coordinator's way. */
  private reply(
    socket: EdgeSocket,
    ack: unknown,
    clientId: string | undefined,
    handler: () => object | Promise<object>,
    afterReply?: () => void,
  ): void {
    const { authThrottle, inbox, logger, events } = this.options;
    replyToMessage(
      ack,
      handler,
      {
        sendError: (reply) => socket.emit('protocol-error', reply),
        refused: () => this.guards.get(socket)?.noteRejection(),
        report: (reply, error) => {
          if (reply.code === ErrorCode.Unauthorized) authThrottle.failed(addressOf(socket.request));
          const roundId = inbox.openRoundId;
          if (reply.code === ErrorCode.Internal)
            logger.error({ clientId, roundId, err: String(error) }, 'handler failed');
          else logger.warn({ clientId, roundId, code: reply.code, reason: reply.message }, 'message rejected');
          events.emit('rejected', { clientId, code: reply.code, message: reply.message });
        },
        answerFailed: (error) => logger.error({ clientId, err: String(error) }, 'answering failed'),
      },
      afterReply,
    );
  }

  /** Refuses authentication attempts from an address that failed too often (across connections). */
  private checkAuthThrottle(socket: EdgeSocket): void {
    const { authThrottle, edge } = this.options;
    if (authThrottle.blocked(addressOf(socket.request))) {
      throw new ProtocolError(
        ErrorCode.RateLimited,
        `more than ${edge.maxAuthFailures} failed authentications from this address within ${edge.authFailureWindowMs} ms`,
      );
    }
  }
}
