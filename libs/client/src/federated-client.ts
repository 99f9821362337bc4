import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import {
  ErrorCode,
  parseErrorReply,
  parseGoalMetMessage,
  parseRoundEndMessage,
  parseRunEndMessage,
  parseSecAggAdvertsMessage,
  parseSecAggConsistencyMessage,
  parseSecAggShareDeliveryMessage,
  parseSecAggUnmaskMessage,
  parseTaskMessage,
} from '@edgefl/protocol';
import type { ClientToServerEvents, ProtocolLimits, ServerToClientEvents } from '@edgefl/protocol';
import { CoordinatorRejectedError, CoordinatorUnreachableError } from './client-errors';
import { _checkIdentity, generateIdentity } from './client-identity';
import type { ClientIdentity } from './client-identity';
import { backoffDelay, resolveConnectionPolicy } from './connection-policy';
import { ConnectionProbation } from './connection-probation';
import type { ConnectionPolicy } from './connection-policy';
import { coordinatorHandshake } from './coordinator-handshake';
import { resolveCoordinatorUrls } from './coordinator-urls';
import type { ClientRunSummary, FederatedClientEvents } from './federated-client-events';
import type { FederatedClientOptions } from './federated-client-options';
import { loadCoordinatorModel } from './load-coordinator-model';
import type { LoadModelOptions } from './load-coordinator-model';
import type { LocalTrainer } from './local-trainer';
import { RoundParticipation } from './round-participation';
import { TfjsTrainer } from './tfjs-trainer';
import { TypedEmitter } from './typed-emitter';

export type { ClientRunSummary, FederatedClientEvents } from './federated-client-events';
export type { FederatedClientOptions } from './federated-client-options';

/**
 * The EdgeFL client: joins a coordinator, trains each round it is selected for on its local
 * data, and uploads only the (encoded) update, the sample count and aggregate metrics.
 *
 * @example
 * const client = new FederatedClient({ url: 'http://127.0.0.1:7070', data });
 * client.on('round-end', (r) => console.log(r.round, r.outcome));
 * await client.run(); // resolves when the coordinator ends the run
 */
export class FederatedClient extends TypedEmitter<FederatedClientEvents> {
  private readonly trainer: LocalTrainer;
  private socket?: Socket<ServerToClientEvents, ClientToServerEvents>;
  private clientId?: string;
  private limits?: ProtocolLimits;
  /** Long-term Ed25519 identity: the app's, or one generated for this client's lifetime. */
  private readonly identity: ClientIdentity;
  /** The round handling: tasks, training, uploads, secure stages. */
  private readonly rounds: RoundParticipation;
  private modelVersion?: number;
  /** The coordinator's token for model downloads (`welcome.modelToken`), once welcomed. */
  private welcomeModelToken?: string;
  private readonly connection: ConnectionPolicy;
  /** The coordinator nodes to try, in order (`options.url` / `options.urls`), and the one in use. */
  private readonly urls: readonly string[];
  private urlIndex = 0;
  /** The open run: how to settle `run()`, and the retry state of its connection. */
  private running?: {
    resolve: (summary: ClientRunSummary) => void;
    reject: (error: Error) => void;
    /** Failed connection attempts in a row (a welcomed connection lost before it proved itself included). */
    failures: number;
    /** Resets `failures` once the current connection proved itself. */
    probation: ConnectionProbation;
    /** Welcomed at least once: later attempts are reconnections. */
    welcomed: boolean;
    /** The coordinator sent run-end: the connection closing now is expected. */
    over?: boolean;
    retry?: ReturnType<typeof setTimeout>;
  };
  /** Set once the run is over: what `stop()` resolves with. */
  private ended?: Promise<ClientRunSummary>;

  constructor(private readonly options: FederatedClientOptions) {
    super();
    if (!options) throw new TypeError('options must be given');
    this.urls = resolveCoordinatorUrls(options);
    if (!options.data || !(options.data.count > 0))
      throw new TypeError('options.data must be a dataset with at least one example');
    if (options.identity !== undefined) _checkIdentity(options.identity, 'options.identity');
    if (options.requireConsistencyCheck !== undefined && typeof options.requireConsistencyCheck !== 'boolean') {
      throw new TypeError('options.requireConsistencyCheck must be a boolean when given');
    }
    // Secure rounds need an identity to sign key advertisements; without one from the app, a fresh one.
    this.identity = options.identity ?? generateIdentity();
    this.connection = resolveConnectionPolicy(options.connection);
    if (
      options.modelToken !== undefined &&
      (typeof options.modelToken !== 'string' || options.modelToken.length === 0)
    ) {
      throw new TypeError('options.modelToken must be a non-empty string when given');
    }
    this.clientId = options.clientId;
    const trainer = (this.trainer = options.trainer ?? new TfjsTrainer());
    this.rounds = new RoundParticipation({
      trainer,
      data: options.data,
      identitySecretKey: this.identity.secretKey,
      ackTimeoutMs: options.ackTimeoutMs ?? 30_000,
      requireConsistencyCheck: options.requireConsistencyCheck ?? true,
      secureRandomBytes: options.secureRandomBytes,
      clientId: () => this.clientId ?? '',
      maxUpdateBytes: () => this.limits?.maxUpdateBytes ?? Number.POSITIVE_INFINITY,
      socket: () => this.requireSocket(),
      emit: (event, ...args) => this.emit(event, ...args),
      report: (error) => this.report(error),
    });
  }

  /** The coordinator node this client is connected to, or tries next. */
  get url(): string {
    return this.urls[this.urlIndex];
  }

  /** The id the coordinator knows this client by, once connected. */
  get id(): string | undefined {
    return this.clientId;
  }

  /**
   * Connects, takes part in rounds, and resolves when the coordinator ends the run or `stop()` is
   * called. A lost connection is re-established with backoff (`reconnecting`, `reconnected`
   * events), except after `client-replaced` or `client-banned`; with several `options.urls`, every
   * failed attempt moves on to the next node (a lost connection is retried on its own node first).
   *
   * @throws (rejects) CoordinatorUnreachableError when the retry budget of `options.connection` runs out;
   *   CoordinatorRejectedError when the coordinator refuses the `hello` (e.g. `unauthorized`), or says
   *   this client was replaced (`client-replaced`) or banned (`client-banned`); and any `error`
   *   event nobody listens to.
   */
  run(): Promise<ClientRunSummary> {
    if (this.socket || this.ended) throw new Error('run() was already called: a FederatedClient runs once');
    return new Promise<ClientRunSummary>((resolve, reject) => {
      const probation = new ConnectionProbation(this.connection.maxBackoffMs, () => {
        if (this.running) this.running.failures = 0;
      });
      this.running = { resolve, reject, failures: 0, welcomed: false, probation };
      this.open();
    });
  }

  /** Opens a connection to the current node and wires its events; the previous socket, if any, is dropped. */
  private open(): void {
    const previous = this.socket;
    if (previous) {
      previous.off();
      previous.disconnect();
    }
    const connect = this.options.connect ?? io;
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connect(this.url, {
      transports: ['websocket'],
      ...this.options.socket,
      // The client counts attempts and backs off itself (below): socket.io must not retry behind its back.
      reconnection: false,
      timeout: this.connection.timeoutMs,
    });
    this.socket = socket;
    socket.on('connect', () => {
      this.hello().catch((error: Error) => {
        // A hello still pending on a node the client has since left settles nothing.
        if (this.socket !== socket) return;
        if (error instanceof CoordinatorRejectedError) {
          void this.end({ error });
          return;
        }
        // Anything else (a lost ack) is one more failed attempt: drop this connection and retry (on the next node).
        socket.disconnect();
        this.retry(error, true);
      });
    });
    socket.on('connect_error', (error: Error) => this.retry(error, true));
    socket.on('disconnect', (reason) => {
      this.rounds.stopTraining();
      this.emit('disconnected', reason);
      // Our own disconnect (stop, end, a failed hello) schedules nothing here.
      if (reason !== 'io client disconnect') this.retry(new Error(`connection lost: ${reason}`));
    });
    socket.on('task', (raw: unknown) => {
      this.guard(() => {
        const task = parseTaskMessage(raw);
        this.running?.probation.pass();
        this.modelVersion = task.modelVersion;
        return this.rounds.onTask(task);
      });
    });
    socket.on('secagg-adverts', (raw: unknown) => {
      this.guard(() => this.rounds.secureStep((round) => round.onAdverts(parseSecAggAdvertsMessage(raw))));
    });
    socket.on('secagg-share-delivery', (raw: unknown) => {
      this.guard(() => this.rounds.secureStep((round) => round.onShareDelivery(parseSecAggShareDeliveryMessage(raw))));
    });
    socket.on('secagg-consistency', (raw: unknown) => {
      this.guard(() => this.rounds.secureStep((round) => round.onConsistency(parseSecAggConsistencyMessage(raw))));
    });
    socket.on('secagg-unmask', (raw: unknown) => {
      this.guard(() => this.rounds.secureStep((round) => round.onUnmask(parseSecAggUnmaskMessage(raw))));
    });
    socket.on('round-end', (raw: unknown) => {
      this.guard(() => {
        const message = parseRoundEndMessage(raw);
        this.rounds.onRoundEnd(message);
        this.modelVersion = message.modelVersion;
        this.emit('round-end', message);
      });
    });
    socket.on('goal-met', (raw: unknown) => {
      this.guard(() => {
        const message = parseGoalMetMessage(raw);
        if (this.rounds.onGoalMet(message)) this.emit('goal-met', message);
      });
    });
    socket.on('protocol-error', (raw: unknown) => {
      this.guard(() => {
        const error = new CoordinatorRejectedError(parseErrorReply(raw));
        // Replaced by another connection under our id, or banned: coming back would be wrong.
        if (error.code === ErrorCode.ClientReplaced || error.code === ErrorCode.ClientBanned) this.end({ error });
        else this.report(error);
      });
    });
    socket.on('run-end', (raw: unknown) => {
      this.guard(() => {
        const message = parseRunEndMessage(raw);
        this.modelVersion = message.modelVersion;
        if (this.running) this.running.over = true;
        this.emit('run-end', message);
        // The ack of our last update may sit in the same network read: let its continuation run first.
        setTimeout(() => this.end({ reason: message.reason }), 0);
      });
    });
  }

  /**
   * Leaves: aborts local training, closes the connection, and resolves once the client is down
   * (training unwound, trainer disposed) with the run's {@link ClientRunSummary}: reason `left`
   * if the run was still going (`run()` resolves with the same), else how it had ended. Safe to
   * call at any time, more than once.
   */
  stop(): Promise<ClientRunSummary> {
    return this.end({ reason: 'left' });
  }

  /**
   * Downloads the coordinator's global model (the latest committed version, or `options.version`)
   * with TensorFlow.js' own loader and returns a ready `tf.LayersModel` on the active backend. Works
   * before, during and after a run; the `round-end` and `run-end` events say when a new version
   * exists. Sends as a Bearer token the first of: `options.token` here, the client's
   * `options.modelToken`, the token the coordinator handed out at `welcome` (any enrollment mode),
   * the enrollment token `options.token`.
   *
   * @throws ModelDownloadError when the coordinator cannot be reached, refuses or has no such version.
   * @example
   * client.on('run-end', async ({ modelVersion }) => {
   *   const model = await client.loadModel({ version: modelVersion });
   *   (model.predict(images) as tf.Tensor).print();
   * });
   */
  loadModel(options: LoadModelOptions = {}): Promise<LayersModel> {
    const token = options.token ?? this.options.modelToken ?? this.welcomeModelToken ?? this.options.token;
    return loadCoordinatorModel(this.url, { ...options, token });
  }

  /**
   * Schedules the next connection attempt after a failure, or ends the run when the budget is spent.
   * A failed attempt (`moveOn`) with several nodes goes to the next one; a lost connection is retried
   * on the same node first.
   */
  private retry(cause: Error, moveOn = false): void {
    const running = this.running;
    if (!running || running.over || running.retry !== undefined) return;
    running.probation.stop();
    running.failures++;
    if (running.failures > this.connection.retries) {
      this.end({ error: new CoordinatorUnreachableError(this.url, running.failures, cause) });
      return;
    }
    const switchNode = moveOn && this.urls.length > 1;
    if (switchNode) this.urlIndex = (this.urlIndex + 1) % this.urls.length;
    const delayMs = backoffDelay(this.connection, running.failures, Math.random);
    if (running.welcomed)
      this.emit('reconnecting', { attempt: running.failures, delayMs, reason: cause.message, url: this.url });
    running.retry = setTimeout(() => {
      running.retry = undefined;
      if (this.running !== running) return;
      if (switchNode) this.open();
      else this.socket?.connect();
    }, delayMs);
  }

  /**
   * Ends the run once (later calls get the same result): closes the connection, unwinds training,
   * disposes the trainer, then settles `run()`.
   */
  private end(outcome: { reason: ClientRunSummary['reason'] } | { error: Error }): Promise<ClientRunSummary> {
    if (this.ended) return this.ended;
    const running = this.running;
    this.running = undefined;
    if (running?.retry !== undefined) clearTimeout(running.retry);
    running?.probation.stop();
    this.rounds.leave();
    this.socket?.disconnect();
    const summary: ClientRunSummary = {
      clientId: this.clientId,
      roundsParticipated: this.rounds.roundsParticipated,
      modelVersion: this.modelVersion,
      reason: 'error' in outcome ? 'failed' : outcome.reason,
    };
    // The round's own handler reports a failed training; here it only has to end before the trainer goes.
    this.ended = this.rounds
      .settled()
      .then(() => {
        try {
          this.trainer.dispose();
        } catch {
          // A trainer that fails to clean up must not keep run() from settling.
        }
      })
      .then(() => {
        if ('error' in outcome) running?.reject(outcome.error);
        else running?.resolve(summary);
        return summary;
      });
    return this.ended;
  }

  /** An `error` event; with nobody listening it ends the run (`run()` rejects with it) instead of vanishing. */
  private report(error: Error): void {
    if (this.emit('error', error)) return;
    if (this.running) void this.end({ error });
  }

  /** Enrolls on the new connection; a welcome after a lost connection is a reconnection. */
  private async hello(): Promise<void> {
    const welcome = await coordinatorHandshake(this.requireSocket(), {
      clientId: this.clientId,
      token: this.options.token,
      identity: this.identity,
      backend: this.trainer.backend,
      platform: this.options.platform,
      ackTimeoutMs: this.options.ackTimeoutMs ?? 30_000,
    });
    this.clientId = welcome.clientId;
    this.limits = welcome.limits;
    this.welcomeModelToken = welcome.modelToken ?? this.welcomeModelToken;
    const running = this.running;
    // A lost connection counts as the first failure, so the attempt that succeeded is number `failures`.
    const attempts = running?.failures ?? 0;
    const reconnected = running?.welcomed === true;
    if (running) {
      // The count starts again only once this connection proved itself (ConnectionProbation), not at welcome.
      running.probation.start();
      running.welcomed = true;
    }
    this.emit('connected', { clientId: welcome.clientId, protocolVersion: welcome.protocolVersion });
    if (reconnected) this.emit('reconnected', { clientId: welcome.clientId, attempts });
  }

  private guard(action: () => unknown): void {
    try {
      const pending = action();
      if (pending instanceof Promise) pending.catch((error: Error) => this.report(error));
    } catch (error) {
      this.report(error as Error);
    }
  }

  private requireSocket(): Socket<ServerToClientEvents, ClientToServerEvents> {
    if (!this.socket) throw new Error('not connected: call run() first');
    return this.socket;
  }
}
