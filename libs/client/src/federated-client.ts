import nacl from 'tweetnacl';
import { io } from 'socket.io-client';
import type { ManagerOptions, Socket, SocketOptions } from 'socket.io-client';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import {
  ErrorCode,
  PROTOCOL_VERSION,
  SUPPORTED_PROTOCOL_VERSIONS,
  authSignatureMessage,
  encodeBase64,
  parseAcceptedMessage,
  parseChallengeMessage,
  parseErrorReply,
  parseGoalMetMessage,
  parseRoundEndMessage,
  parseRunEndMessage,
  parseSecAggAdvertsMessage,
  parseSecAggConsistencyMessage,
  parseSecAggShareDeliveryMessage,
  parseSecAggUnmaskMessage,
  parseTaskMessage,
  parseWelcomeMessage,
} from '@edgefl/protocol';
import { RoundStage } from '@edgefl/protocol';
import type {
  ClientToServerEvents,
  ProtocolLimits,
  GoalMetMessage,
  RoundEndMessage,
  RunEndMessage,
  ServerToClientEvents,
  TaskMessage,
  UpdateMessage,
} from '@edgefl/protocol';
import { deriveSeed } from '@edgefl/random';
import type { LocalDataset } from '@edgefl/runtime';
import { CoordinatorRejectedError, CoordinatorUnreachableError, PayloadTooLargeError } from './client-errors';
import { _checkIdentity, generateIdentity } from './client-identity';
import type { ClientIdentity } from './client-identity';
import { backoffDelay, resolveConnectionPolicy } from './connection-policy';
import type { ConnectionOptions, ConnectionPolicy } from './connection-policy';
import { loadCoordinatorModel } from './load-coordinator-model';
import type { LoadModelOptions } from './load-coordinator-model';
import type { LocalTrainer, LocalTrainingResult } from './local-trainer';
import { SecureRoundClient } from './secure-round-client';
import { TfjsTrainer } from './tfjs-trainer';
import { TypedEmitter } from './typed-emitter';
import { DownlinkReceiver } from './downlink-receiver';
import { UpdateEncoder } from './update-encoder';

/** How to build a {@link FederatedClient}. */
export interface FederatedClientOptions {
  /** The coordinator's URL, e.g. `http://127.0.0.1:7070`. */
  url: string;
  /** The local training set. It never leaves the client. */
  data: LocalDataset;
  /** A stable id to keep across reconnects; the coordinator assigns one when absent. */
  clientId?: string;
  /** Enrollment token, when the coordinator asks for one. */
  token?: string;
  /**
   * Long-term Ed25519 identity (see {@link generateIdentity}). Its public key is sent at `hello`
   * and the client proves it holds the secret key by signing the coordinator's challenge, on
   * every (re)connection; it also signs the key advertisements of secure rounds. Required by
   * coordinators in allowlist mode (whose list holds its public key). Generated for the client's
   * lifetime when absent.
   */
  identity?: ClientIdentity;
  /** Trains a round; {@link TfjsTrainer} on the active tfjs backend by default. */
  trainer?: LocalTrainer;
  /**
   * Opens the socket; `io` from socket.io-client by default. The transport seam: tests wrap it
   * to watch every packet, apps may route through their own Manager.
   */
  connect?: (url: string, options: Partial<ManagerOptions & SocketOptions>) => Socket;
  /**
   * Extra socket.io-client options (transports, path, TLS...). The client owns (re)connection:
   * `reconnection` and `timeout` here are overridden by {@link FederatedClientOptions.connection}.
   */
  socket?: Partial<ManagerOptions & SocketOptions>;
  /**
   * Connect timeout and retry budget (see {@link ConnectionOptions}): when the coordinator cannot
   * be reached within them, at the start or after a lost connection, `run()` rejects with
   * `CoordinatorUnreachableError`. Defaults: 10 s per attempt, 10 retries with backoff.
   */
  connection?: ConnectionOptions;
  /**
   * Bearer token for {@link FederatedClient.loadModel} when the coordinator does not serve the model
   * publicly; `token` (the enrollment token) when absent.
   */
  modelToken?: string;
  /** How long to wait for the coordinator to acknowledge a message. */
  ackTimeoutMs?: number;
  /** Describes the app embedding the SDK, reported at `hello`. */
  platform?: string;
  /**
   * Secure rounds: insist on the consistency check (default true). The client then signs the
   * survivor set and reveals shares only after t of its neighbours signed the same set, whatever the
   * coordinator announces: a coordinator that skips the check gets a refusal (`secagg-abort`, an
   * `error` event), never a reveal. Set false only to join coordinators that run without it
   * (e.g. benchmarks); a coordinator that announces the check still gets it.
   */
  requireConsistencyCheck?: boolean;
  /**
   * Secure rounds: where the round's secrets come from (round key pairs, self-mask seed, Shamir
   * coefficients); tweetnacl's CSPRNG (`nacl.randomBytes`) by default. **For tests only**: with a
   * predictable source, anyone who can predict it can unmask this client's update.
   */
  secureRandomBytes?: (length: number) => Uint8Array;
}

/**
 * Events of a {@link FederatedClient}.
 *
 * `error` reports a failure that does not end the run by itself (a refused update, a failed
 * local training or secure stage, a malformed message): with a listener the client carries on
 * with the next task. **Without an `error` listener the first such error ends the run: `run()`
 * rejects with it** (like Node's EventEmitter, an unheard error is never dropped).
 */
export type FederatedClientEvents = {
  /** Welcomed by the coordinator (after every (re)connection). */
  connected: [info: { clientId: string; protocolVersion: number }];
  disconnected: [reason: string];
  /** The connection was lost (or a reconnection failed) and attempt `attempt` starts in `delayMs`. */
  reconnecting: [info: { attempt: number; delayMs: number; reason: string }];
  /** Welcomed again after a lost connection, at attempt `attempts`. */
  reconnected: [info: { clientId: string; attempts: number }];
  /** `seed` is the round's public seed; `secure` tells whether the update travels masked (SecAgg+). */
  'round-start': [info: { round: number; roundId: string; modelVersion: number; seed: number; secure: boolean }];
  /** Secure rounds: the client is about to send its message of `stage` (stop() here and nothing is sent). */
  'secure-stage': [info: { roundId: string; stage: RoundStage; clientIndex: number }];
  progress: [info: { roundId: string; epoch: number; step: number; steps: number; loss: number }];
  'update-sent': [info: { roundId: string; bytes: number; numSamples: number; loss: number }];
  /** A round this client was selected for closed; `modelVersion` / `modelUrl` name the global model after it. */
  'round-end': [message: RoundEndMessage];
  /** Plain rounds: the round had enough updates before this client's; its training stopped and nothing is uploaded. */
  'goal-met': [message: GoalMetMessage];
  error: [error: Error];
  /** The coordinator ended the run; `modelVersion` / `modelUrl` name the final model ({@link FederatedClient.loadModel}). */
  'run-end': [message: RunEndMessage];
};

/**
 * How a run ended, as {@link FederatedClient.run} and {@link FederatedClient.stop} resolve:
 * - `completed` / `stopped`: the coordinator ended the run (`run-end`: all rounds done, or stopped by its operator);
 * - `left`: {@link FederatedClient.stop} ended it on this side;
 * - `failed` (from `stop()` only): `run()` had already rejected with an error.
 */
export interface ClientRunSummary {
  /** The id the coordinator knew this client by; absent if it was never welcomed. */
  clientId?: string;
  /** Rounds whose update (plain or masked) the coordinator accepted from this client. */
  roundsParticipated: number;
  /** The latest global model version this client heard of (task, round-end or run-end); absent if none. */
  modelVersion?: number;
  reason: RunEndMessage['reason'] | 'left' | 'failed';
}

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
  private readonly encoder = new UpdateEncoder();
  private readonly downlink = new DownlinkReceiver();
  private socket?: Socket<ServerToClientEvents, ClientToServerEvents>;
  private clientId?: string;
  private limits?: ProtocolLimits;
  private current?: { roundId: string; abort: AbortController; secure?: SecureRoundClient };
  /** Long-term Ed25519 identity: the app's, or one generated for this client's lifetime. */
  private readonly identity: ClientIdentity;
  /** Training runs one at a time: a new task waits for the aborted one to unwind. */
  private training: Promise<unknown> = Promise.resolve();
  private roundsParticipated = 0;
  private modelVersion?: number;
  /** The coordinator's token for model downloads (`welcome.modelToken`), once welcomed. */
  private welcomeModelToken?: string;
  private readonly connection: ConnectionPolicy;
  /** The open run: how to settle `run()`, and the retry state of its connection. */
  private running?: {
    resolve: (summary: ClientRunSummary) => void;
    reject: (error: Error) => void;
    /** Failed connection attempts in a row. */
    failures: number;
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
    if (!options || typeof options.url !== 'string' || options.url.length === 0)
      throw new TypeError('options.url must be a non-empty string');
    if (!options.data || !(options.data.count > 0))
      throw new TypeError('options.data must be a dataset with at least one example');
    if (options.identity !== undefined) _checkIdentity(options.identity, 'options.identity');
    if (options.requireConsistencyCheck !== undefined && typeof options.requireConsistencyCheck !== 'boolean') {
      throw new TypeError('options.requireConsistencyCheck must be a boolean when given');
    }
    if (options.secureRandomBytes !== undefined && typeof options.secureRandomBytes !== 'function')
      throw new TypeError('options.secureRandomBytes must be a function when given');
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
    this.trainer = options.trainer ?? new TfjsTrainer();
  }

  /** The id the coordinator knows this client by, once connected. */
  get id(): string | undefined {
    return this.clientId;
  }

  /**
   * Connects, takes part in rounds, and resolves when the coordinator ends the run or `stop()` is
   * called. A lost connection is re-established with backoff (`reconnecting`, `reconnected`
   * events), except after `client-replaced` or `client-banned`.
   *
   * @throws (rejects) CoordinatorUnreachableError when the retry budget of `options.connection` runs out;
   *   CoordinatorRejectedError when the coordinator refuses the `hello` (e.g. `unauthorized`), or says
   *   this client was replaced (`client-replaced`) or banned (`client-banned`); and any `error`
   *   event nobody listens to.
   */
  run(): Promise<ClientRunSummary> {
    if (this.socket || this.ended) throw new Error('run() was already called: a FederatedClient runs once');
    return new Promise<ClientRunSummary>((resolve, reject) => {
      this.running = { resolve, reject, failures: 0, welcomed: false };
      const connect = this.options.connect ?? io;
      const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connect(this.options.url, {
        transports: ['websocket'],
        ...this.options.socket,
        // The client counts attempts and backs off itself (below): socket.io must not retry behind its back.
        reconnection: false,
        timeout: this.connection.timeoutMs,
      });
      this.socket = socket;
      socket.on('connect', () => {
        this.hello().catch((error: Error) => {
          if (error instanceof CoordinatorRejectedError) {
            void this.end({ error });
            return;
          }
          // Anything else (a lost ack) is one more failed attempt: drop this connection and retry.
          socket.disconnect();
          this.retry(error);
        });
      });
      socket.on('connect_error', (error: Error) => this.retry(error));
      socket.on('disconnect', (reason) => {
        this.current?.abort.abort();
        this.emit('disconnected', reason);
        // Our own disconnect (stop, end, a failed hello) schedules nothing here.
        if (reason !== 'io client disconnect') this.retry(new Error(`connection lost: ${reason}`));
      });
      socket.on('task', (raw: unknown) => {
        this.guard(() => this.onTask(parseTaskMessage(raw)));
      });
      socket.on('secagg-adverts', (raw: unknown) => {
        this.guard(() => this.secureStep((round) => round.onAdverts(parseSecAggAdvertsMessage(raw))));
      });
      socket.on('secagg-share-delivery', (raw: unknown) => {
        this.guard(() => this.secureStep((round) => round.onShareDelivery(parseSecAggShareDeliveryMessage(raw))));
      });
      socket.on('secagg-consistency', (raw: unknown) => {
        this.guard(() => this.secureStep((round) => round.onConsistency(parseSecAggConsistencyMessage(raw))));
      });
      socket.on('secagg-unmask', (raw: unknown) => {
        this.guard(() => this.secureStep((round) => round.onUnmask(parseSecAggUnmaskMessage(raw))));
      });
      socket.on('round-end', (raw: unknown) => {
        this.guard(() => {
          const message = parseRoundEndMessage(raw);
          if (this.current?.roundId === message.roundId) {
            this.current.abort.abort();
            this.current.secure?.abort();
          }
          this.modelVersion = message.modelVersion;
          this.emit('round-end', message);
        });
      });
      socket.on('goal-met', (raw: unknown) => {
        this.guard(() => {
          const message = parseGoalMetMessage(raw);
          if (this.current?.roundId !== message.roundId || this.current.secure) return;
          this.current.abort.abort();
          this.emit('goal-met', message);
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
    return loadCoordinatorModel(this.options.url, { ...options, token });
  }

  /** Schedules the next connection attempt after a failure, or ends the run when the budget is spent. */
  private retry(cause: Error): void {
    const running = this.running;
    if (!running || running.over || running.retry !== undefined) return;
    running.failures++;
    if (running.failures > this.connection.retries) {
      this.end({ error: new CoordinatorUnreachableError(this.options.url, running.failures, cause) });
      return;
    }
    const delayMs = backoffDelay(this.connection, running.failures, Math.random);
    if (running.welcomed) this.emit('reconnecting', { attempt: running.failures, delayMs, reason: cause.message });
    running.retry = setTimeout(() => {
      running.retry = undefined;
      if (this.running === running) this.socket?.connect();
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
    this.current?.abort.abort();
    this.current?.secure?.abort();
    this.socket?.disconnect();
    const summary: ClientRunSummary = {
      clientId: this.clientId,
      roundsParticipated: this.roundsParticipated,
      modelVersion: this.modelVersion,
      reason: 'error' in outcome ? 'failed' : outcome.reason,
    };
    // The round's own handler reports a failed training; here it only has to end before the trainer goes.
    this.ended = this.training
      .catch(() => undefined)
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

  private async hello(): Promise<void> {
    const socket = this.requireSocket();
    const identity = this.identity;
    const ackTimeoutMs = this.options.ackTimeoutMs ?? 30_000;
    let reply: unknown = await socket.timeout(ackTimeoutMs).emitWithAck('hello', {
      type: 'hello',
      protocolVersions: [...SUPPORTED_PROTOCOL_VERSIONS],
      clientId: this.clientId,
      token: this.options.token,
      identityKey: identity ? encodeBase64(identity.publicKey) : undefined,
      agent: {
        sdk: `edgefl-client/${PROTOCOL_VERSION}`,
        backend: this.trainer.backend,
        platform: this.options.platform,
      },
      deltaDownlink: true,
    });
    if (isErrorReply(reply)) throw new CoordinatorRejectedError(parseErrorReply(reply));
    if (identity && (reply as { type?: unknown }).type === 'challenge') {
      const challenge = parseChallengeMessage(reply);
      const signature = nacl.sign.detached(
        authSignatureMessage(challenge.nonce, challenge.clientId),
        identity.secretKey,
      );
      reply = await socket.timeout(ackTimeoutMs).emitWithAck('authenticate', { type: 'authenticate', signature });
      if (isErrorReply(reply)) throw new CoordinatorRejectedError(parseErrorReply(reply));
    }
    const welcome = parseWelcomeMessage(reply);
    this.clientId = welcome.clientId;
    this.limits = welcome.limits;
    this.welcomeModelToken = welcome.modelToken ?? this.welcomeModelToken;
    const running = this.running;
    // A lost connection counts as the first failure, so the attempt that succeeded is number `failures`.
    const attempts = running?.failures ?? 0;
    const reconnected = running?.welcomed === true;
    if (running) {
      running.failures = 0;
      running.welcomed = true;
    }
    this.emit('connected', { clientId: welcome.clientId, protocolVersion: welcome.protocolVersion });
    if (reconnected) this.emit('reconnected', { clientId: welcome.clientId, attempts });
  }

  private async onTask(task: TaskMessage): Promise<void> {
    this.current?.abort.abort();
    this.current?.secure?.abort();
    const abort = new AbortController();
    this.current = { roundId: task.roundId, abort };
    this.modelVersion = task.modelVersion;
    this.emit('round-start', {
      round: task.round,
      roundId: task.roundId,
      modelVersion: task.modelVersion,
      seed: task.seed,
      secure: task.secure !== undefined,
    });
    const weights = this.downlink.receive(task);
    let trainingDone: (result: Promise<LocalTrainingResult>) => void = () => undefined;
    if (task.secure) {
      // Key stages run while the model trains: advertise at once, the masked input waits for the result.
      const training = new Promise<LocalTrainingResult>((resolve) => {
        trainingDone = resolve;
      });
      // A failed or aborted training is reported by onTask; the masked-input stage just never comes.
      training.catch(() => undefined);
      const secure = this.startSecureRound(task, task.secure, training, abort.signal);
      this.current.secure = secure;
      this.reportSecureStep(secure.advertise(), abort);
    }
    await this.training.catch(() => undefined);
    if (abort.signal.aborted) return;
    const training = this.trainer.train(
      {
        roundId: task.roundId,
        model: task.model,
        weights,
        training: task.training,
        seed: deriveSeed(task.seed, 'train', this.clientId ?? ''),
        signal: abort.signal,
        onProgress: (progress) => this.emit('progress', { roundId: task.roundId, ...progress }),
      },
      this.options.data,
    );
    this.training = training;
    let result: LocalTrainingResult;
    try {
      if (task.secure) trainingDone(training);
      result = await training;
    } catch (error) {
      // Training stopped because the round ended or the connection went: nothing to report.
      if (abort.signal.aborted) return;
      throw error;
    }
    if (task.secure || abort.signal.aborted) return;
    // Each client rounds with its own stream: shared randomness would correlate the rounding errors.
    const payload = this.encoder.encode(
      result.delta,
      task.encoding,
      deriveSeed(task.seed, 'quantize', this.clientId ?? ''),
    );
    const limit = this.limits?.maxUpdateBytes ?? Number.POSITIVE_INFINITY;
    if (payload.byteLength > limit) throw new PayloadTooLargeError(payload.byteLength, limit);
    const update: UpdateMessage = {
      type: 'update',
      roundId: task.roundId,
      modelVersion: task.modelVersion,
      numSamples: result.numSamples,
      metrics: result.metrics,
      encoding: task.encoding,
      payload,
    };
    const reply: unknown = await this.requireSocket()
      .timeout(this.options.ackTimeoutMs ?? 30_000)
      .emitWithAck('update', update);
    if (isErrorReply(reply)) throw new CoordinatorRejectedError(parseErrorReply(reply));
    parseAcceptedMessage(reply);
    this.roundsParticipated++;
    this.emit('update-sent', {
      roundId: task.roundId,
      bytes: payload.byteLength,
      numSamples: result.numSamples,
      loss: result.metrics.loss,
    });
    if (this.current?.roundId === task.roundId) this.current = undefined;
  }

  private startSecureRound(
    task: TaskMessage,
    setup: NonNullable<TaskMessage['secure']>,
    training: Promise<LocalTrainingResult>,
    signal: AbortSignal,
  ): SecureRoundClient {
    const roundId = task.roundId;
    // The server's seed keeps simulations reproducible; each client rounds with its own stream.
    const seed = deriveSeed(task.seed, 'secure-quantize', this.clientId ?? '');
    return new SecureRoundClient(
      roundId,
      setup,
      this.identity.secretKey,
      training,
      seed,
      {
        send: async (event, message) => {
          // socket.io cannot tie a generic event name to its payload type; the channel's signature does.
          const socket = this.requireSocket().timeout(this.options.ackTimeoutMs ?? 30_000) as {
            emitWithAck(event: string, message: unknown): Promise<unknown>;
          };
          const reply: unknown = await socket.emitWithAck(event, message);
          if (isErrorReply(reply)) throw new CoordinatorRejectedError(parseErrorReply(reply));
          parseAcceptedMessage(reply);
          if (event === 'secagg-masked-input') {
            this.roundsParticipated++;
            const bytes = (message as { maskedVector: Uint8Array }).maskedVector.byteLength;
            void training.then((result) =>
              this.emit('update-sent', { roundId, bytes, numSamples: result.numSamples, loss: result.metrics.loss }),
            );
          }
        },
        enter: (stage) => {
          if (signal.aborted) return false;
          this.emit('secure-stage', { roundId, stage, clientIndex: setup.clientIndex });
          return !signal.aborted;
        },
      },
      {
        requireConsistencyCheck: this.options.requireConsistencyCheck ?? true,
        randomBytes: this.options.secureRandomBytes,
      },
    );
  }

  /** Runs a secure stage on the open secure round; a message for no open secure round is ignored (late). */
  private secureStep(step: (round: SecureRoundClient) => Promise<void>): void {
    const current = this.current;
    if (!current?.secure || current.abort.signal.aborted) return;
    this.reportSecureStep(step(current.secure), current.abort);
  }

  /** A failed secure step ends the local round (training stops) and is reported, unless the round was already left. */
  private reportSecureStep(pending: Promise<void>, abort: AbortController): void {
    pending.catch((error: Error) => {
      const alreadyLeft = abort.signal.aborted;
      abort.abort();
      if (!alreadyLeft) this.report(error);
    });
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

function isErrorReply(reply: unknown): boolean {
  return typeof reply === 'object' && reply !== null && (reply as { type?: unknown }).type === 'error';
}
