import nacl from 'tweetnacl';
import { io } from 'socket.io-client';
import type { ManagerOptions, Socket, SocketOptions } from 'socket.io-client';
import {
  PROTOCOL_VERSION,
  SUPPORTED_PROTOCOL_VERSIONS,
  authSignatureMessage,
  decodeTensors,
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
import { CoordinatorRejectedError, PayloadTooLargeError } from './client-errors';
import { _checkIdentity, generateIdentity } from './client-identity';
import type { ClientIdentity } from './client-identity';
import type { LocalTrainer, LocalTrainingResult } from './local-trainer';
import { SecureRoundClient } from './secure-round-client';
import { TfjsTrainer } from './tfjs-trainer';
import { TypedEmitter } from './typed-emitter';
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
  /** Extra socket.io-client options (transports, reconnection delays...). */
  socket?: Partial<ManagerOptions & SocketOptions>;
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
}

/** Events of a {@link FederatedClient}. */
export type FederatedClientEvents = {
  connected: [info: { clientId: string; protocolVersion: number }];
  disconnected: [reason: string];
  /** `seed` is the round's public seed; `secure` tells whether the update travels masked (SecAgg+). */
  'round-start': [info: { round: number; roundId: string; modelVersion: number; seed: number; secure: boolean }];
  /** Secure rounds: the client is about to send its message of `stage` (stop() here and nothing is sent). */
  'secure-stage': [info: { roundId: string; stage: RoundStage; clientIndex: number }];
  progress: [info: { roundId: string; epoch: number; step: number; steps: number; loss: number }];
  'update-sent': [info: { roundId: string; bytes: number; numSamples: number; loss: number }];
  'round-end': [message: RoundEndMessage];
  /** Plain rounds: the round had enough updates before this client's; its training stopped and nothing is uploaded. */
  'goal-met': [message: GoalMetMessage];
  error: [error: Error];
  'run-end': [message: RunEndMessage];
};

/** What {@link FederatedClient.run} resolves with. */
export interface ClientRunSummary {
  clientId: string;
  roundsParticipated: number;
  modelVersion: number;
  /** `left` when {@link FederatedClient.stop} ended the run on this side. */
  reason: RunEndMessage['reason'] | 'left';
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
  private socket?: Socket<ServerToClientEvents, ClientToServerEvents>;
  private clientId?: string;
  private limits?: ProtocolLimits;
  private current?: { roundId: string; abort: AbortController; secure?: SecureRoundClient };
  /** Long-term Ed25519 identity: the app's, or one generated for this client's lifetime. */
  private readonly identity: ClientIdentity;
  /** Training runs one at a time: a new task waits for the aborted one to unwind. */
  private training: Promise<unknown> = Promise.resolve();
  private roundsParticipated = 0;
  private settle?: (summary: ClientRunSummary) => void;

  constructor(private readonly options: FederatedClientOptions) {
    super();
    if (!options || typeof options.url !== 'string' || options.url.length === 0) throw new TypeError('options.url must be a non-empty string');
    if (!options.data || !(options.data.count > 0)) throw new TypeError('options.data must be a dataset with at least one example');
    if (options.identity !== undefined) _checkIdentity(options.identity, 'options.identity');
    if (options.requireConsistencyCheck !== undefined && typeof options.requireConsistencyCheck !== 'boolean') {
      throw new TypeError('options.requireConsistencyCheck must be a boolean when given');
    }
    // Secure rounds need an identity to sign key advertisements; without one from the app, a fresh one.
    this.identity = options.identity ?? generateIdentity();
    this.clientId = options.clientId;
    this.trainer = options.trainer ?? new TfjsTrainer();
  }

  /** The id the coordinator knows this client by, once connected. */
  get id(): string | undefined {
    return this.clientId;
  }

  /** Connects, takes part in rounds, and resolves when the coordinator ends the run or `stop()` is called. */
  run(): Promise<ClientRunSummary> {
    if (this.socket) throw new Error('run() was already called');
    return new Promise<ClientRunSummary>((resolve, reject) => {
      const connect = this.options.connect ?? io;
      const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connect(this.options.url, {
        transports: ['websocket'],
        reconnectionDelay: 500,
        reconnectionDelayMax: 10_000,
        randomizationFactor: 0.5,
        ...this.options.socket,
      });
      this.socket = socket;
      this.settle = resolve;
      const fail = (error: Error): void => {
        this.settle = undefined;
        this.finish('left', -1);
        reject(error);
      };
      socket.on('connect', () => {
        this.hello().catch((error: Error) => {
          this.emit('error', error);
          if (error instanceof CoordinatorRejectedError) fail(error);
        });
      });
      socket.on('disconnect', (reason) => {
        this.current?.abort.abort();
        this.emit('disconnected', reason);
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
        this.guard(() => this.emit('error', new CoordinatorRejectedError(parseErrorReply(raw))));
      });
      socket.on('run-end', (raw: unknown) => {
        this.guard(() => {
          const message = parseRunEndMessage(raw);
          this.emit('run-end', message);
          // The ack of our last update may sit in the same network read: let its continuation run first.
          setTimeout(() => this.finish(message.reason, message.modelVersion), 0);
        });
      });
    });
  }

  /** Leaves: aborts local training, closes the connection and resolves `run()` with reason `left`. */
  stop(): void {
    this.finish('left', -1);
  }

  private finish(reason: ClientRunSummary['reason'], modelVersion: number): void {
    this.current?.abort.abort();
    this.socket?.disconnect();
    const settle = this.settle;
    this.settle = undefined;
    // The round's own handler reports a failed training; here it only has to end before the trainer goes.
    void this.training.catch(() => undefined).finally(() => this.trainer.dispose());
    settle?.({ clientId: this.clientId ?? '', roundsParticipated: this.roundsParticipated, modelVersion, reason });
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
      agent: { sdk: `edgefl-client/${PROTOCOL_VERSION}`, backend: this.trainer.backend, platform: this.options.platform },
    });
    if (isErrorReply(reply)) throw new CoordinatorRejectedError(parseErrorReply(reply));
    if (identity && (reply as { type?: unknown }).type === 'challenge') {
      const challenge = parseChallengeMessage(reply);
      const signature = nacl.sign.detached(authSignatureMessage(challenge.nonce, challenge.clientId), identity.secretKey);
      reply = await socket.timeout(ackTimeoutMs).emitWithAck('authenticate', { type: 'authenticate', signature });
      if (isErrorReply(reply)) throw new CoordinatorRejectedError(parseErrorReply(reply));
    }
    const welcome = parseWelcomeMessage(reply);
    this.clientId = welcome.clientId;
    this.limits = welcome.limits;
    this.emit('connected', { clientId: welcome.clientId, protocolVersion: welcome.protocolVersion });
  }

  private async onTask(task: TaskMessage): Promise<void> {
    this.current?.abort.abort();
    this.current?.secure?.abort();
    const abort = new AbortController();
    this.current = { roundId: task.roundId, abort };
    this.emit('round-start', { round: task.round, roundId: task.roundId, modelVersion: task.modelVersion, seed: task.seed, secure: task.secure !== undefined });
    const weights = flattenTensors(task.weights);
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
    if (task.secure) {
      trainingDone(training);
      await training;
      return;
    }
    // Training stopped on purpose (goal met, round over, a newer task) is no error.
    const result = await training.catch((error: unknown) => {
      if (abort.signal.aborted) return undefined;
      throw error;
    });
    if (result === undefined || abort.signal.aborted) return;
    // Each client rounds with its own stream: shared randomness would correlate the rounding errors.
    const payload = this.encoder.encode(result.delta, task.encoding, deriveSeed(task.seed, 'quantize', this.clientId ?? ''));
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
    const reply: unknown = await this.requireSocket().timeout(this.options.ackTimeoutMs ?? 30_000).emitWithAck('update', update);
    if (isErrorReply(reply)) throw new CoordinatorRejectedError(parseErrorReply(reply));
    parseAcceptedMessage(reply);
    this.roundsParticipated++;
    this.emit('update-sent', { roundId: task.roundId, bytes: payload.byteLength, numSamples: result.numSamples, loss: result.metrics.loss });
    if (this.current?.roundId === task.roundId) this.current = undefined;
  }

  private startSecureRound(task: TaskMessage, setup: NonNullable<TaskMessage['secure']>, training: Promise<LocalTrainingResult>, signal: AbortSignal): SecureRoundClient {
    const roundId = task.roundId;
    // The server's seed keeps simulations reproducible; each client rounds with its own stream.
    const seed = deriveSeed(task.seed, 'secure-quantize', this.clientId ?? '');
    return new SecureRoundClient(roundId, setup, this.identity.secretKey, training, seed, {
      send: async (event, message) => {
        // socket.io cannot tie a generic event name to its payload type; the channel's signature does.
        const socket = this.requireSocket().timeout(this.options.ackTimeoutMs ?? 30_000) as { emitWithAck(event: string, message: unknown): Promise<unknown> };
        const reply: unknown = await socket.emitWithAck(event, message);
        if (isErrorReply(reply)) throw new CoordinatorRejectedError(parseErrorReply(reply));
        parseAcceptedMessage(reply);
        if (event === 'secagg-masked-input') {
          this.roundsParticipated++;
          const bytes = (message as { maskedVector: Uint8Array }).maskedVector.byteLength;
          void training.then((result) => this.emit('update-sent', { roundId, bytes, numSamples: result.numSamples, loss: result.metrics.loss }));
        }
      },
      enter: (stage) => {
        if (signal.aborted) return false;
        this.emit('secure-stage', { roundId, stage, clientIndex: setup.clientIndex });
        return !signal.aborted;
      },
    }, { requireConsistencyCheck: this.options.requireConsistencyCheck ?? true });
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
      if (!alreadyLeft) this.emit('error', error);
    });
  }

  private guard(action: () => unknown): void {
    try {
      const pending = action();
      if (pending instanceof Promise) pending.catch((error: Error) => this.emit('error', error));
    } catch (error) {
      this.emit('error', error as Error);
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

function flattenTensors(bytes: Uint8Array): Float32Array {
  const tensors = decodeTensors(bytes);
  const total = tensors.reduce((n, t) => n + t.data.length, 0);
  const flat = new Float32Array(total);
  let offset = 0;
  for (const tensor of tensors) {
    flat.set(tensor.data, offset);
    offset += tensor.data.length;
  }
  return flat;
}
