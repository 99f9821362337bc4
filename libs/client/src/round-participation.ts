import type { Socket } from 'socket.io-client';
import type {
  ClientToServerEvents,
  GoalMetMessage,
  RoundEndMessage,
  ServerToClientEvents,
  TaskMessage,
} from '@edgefl/protocol';
import { deriveSeed } from '@edgefl/random';
import type { LocalDataset } from '@edgefl/runtime';
import { expectAccepted } from './coordinator-reply';
import { DownlinkMismatchError, DownlinkReceiver } from './downlink-receiver';
import type { FederatedClientEvents } from './federated-client-events';
import type { LocalTrainer, LocalTrainingResult } from './local-trainer';
import { SecureRoundClient } from './secure-round-client';
import { trainForTask } from './train-for-task';
import { UpdateEncoder } from './update-encoder';
import { uploadPlainUpdate } from './upload-plain-update';

/** What a {@link RoundParticipation} needs of the client around it. */
export interface RoundHost {
  readonly trainer: LocalTrainer;
  readonly data: LocalDataset;
  /** The identity's Ed25519 secret key: signs the key advertisements of secure rounds. */
  readonly identitySecretKey: Uint8Array;
  readonly ackTimeoutMs: number;
  readonly requireConsistencyCheck: boolean;
  /** Secure rounds' source of secrets (tests only); tweetnacl's CSPRNG when absent. */
  readonly secureRandomBytes?: (length: number) => Uint8Array;
  /** The id the coordinator knows this client by ('' before the first welcome). */
  clientId(): string;
  /** The coordinator's `limits.maxUpdateBytes` (Infinity before the first welcome). */
  maxUpdateBytes(): number;
  /** The open connection (throws when there is none). */
  socket(): Socket<ServerToClientEvents, ClientToServerEvents>;
  emit<E extends keyof FederatedClientEvents>(event: E, ...args: FederatedClientEvents[E]): unknown;
  /** A failure that does not end the run by itself (the client's `error` event). */
  report(error: Error): void;
}

/**
 * The round handling of a client: one task at a time, from `task` to the accepted upload, plain
 * (train, encode, `update`) or secure (a {@link SecureRoundClient} whose key stages run while the
 * model trains); `round-end`, `goal-met` and a lost connection stop the local round.
 *
 * @example
 * const rounds = new RoundParticipation(host);
 * socket.on('task', (raw) => rounds.onTask(parseTaskMessage(raw)));
 */
export class RoundParticipation {
  private readonly encoder = new UpdateEncoder();
  private readonly downlink = new DownlinkReceiver();
  private current?: { roundId: string; abort: AbortController; secure?: SecureRoundClient };
  /** Training runs one at a time: a new task waits for the aborted one to unwind. */
  private training: Promise<unknown> = Promise.resolve();
  private participated = 0;
  /** The last round whose report the coordinator accepted. */
  private reported?: string;

  constructor(private readonly host: RoundHost) {}

  /** Rounds whose update (plain or masked) the coordinator accepted. */
  get roundsParticipated(): number {
    return this.participated;
  }

  /** Resolves once the local training (if any) has unwound, whatever its outcome. */
  settled(): Promise<void> {
    return this.training.then(
      () => undefined,
      () => undefined,
    );
  }

  /** The connection went: local training stops (a secure round stays open for a late message to find nothing). */
  stopTraining(): void {
    this.current?.abort.abort();
  }

  /** The run is over: stops training and aborts the secure round. */
  leave(): void {
    this.current?.abort.abort();
    this.current?.secure?.abort();
  }

  /** `round-end` of a round: when it is the local one, it stops. */
  onRoundEnd(message: RoundEndMessage): void {
    if (this.current?.roundId !== message.roundId) return;
    this.current.abort.abort();
    this.current.secure?.abort();
  }

  /** `goal-met` of a plain round: stops its training; false when it is not about the local plain round. */
  onGoalMet(message: GoalMetMessage): boolean {
    if (this.current?.roundId !== message.roundId || this.current.secure) return false;
    this.current.abort.abort();
    return true;
  }

  /** Runs a secure stage on the open secure round; a message for no open secure round is ignored (late). */
  secureStep(step: (round: SecureRoundClient) => Promise<void>): void {
    const current = this.current;
    if (!current?.secure || current.abort.signal.aborted) return;
    this.reportSecureStep(step(current.secure), current.abort);
  }

  /**
   * Takes part in the round of `task`, leaving the previous one; rejects with what failed
   * (training, upload). A repeat of the task of the round this client is in, or last reported in,
   * is ignored (docs/PROTOCOL.md "Delivery").
   */
  async onTask(task: TaskMessage): Promise<void> {
    const inRound = this.current?.roundId === task.roundId && !this.current.abort.signal.aborted;
    if (inRound || this.reported === task.roundId) return;
    this.leave();
    const abort = new AbortController();
    this.current = { roundId: task.roundId, abort };
    const host = this.host;
    host.emit('round-start', {
      round: task.round,
      roundId: task.roundId,
      modelVersion: task.modelVersion,
      seed: task.seed,
      secure: task.secure !== undefined,
    });
    let weights: Float32Array;
    try {
      weights = this.downlink.receive(task);
    } catch (error) {
      if (!(error instanceof DownlinkMismatchError)) throw error;
      // docs/PROTOCOL.md "Downlink deltas": never train on a guess. Skip the round (no upload, no
      // round left open for a late goal-met or round-end) and stay in the run; the held models are kept.
      this.current = undefined;
      host.emit('round-skipped', { round: task.round, roundId: task.roundId, modelVersion: task.modelVersion, error });
      return;
    }
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
    const training = trainForTask(host.trainer, task, weights, host.data, host.clientId(), abort.signal, (progress) =>
      host.emit('progress', progress),
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
    const bytes = await this.report(
      task.roundId,
      uploadPlainUpdate(
        host.socket(),
        task,
        result,
        this.encoder,
        host.clientId(),
        host.maxUpdateBytes(),
        host.ackTimeoutMs,
      ),
    );
    this.participated++;
    host.emit('update-sent', {
      roundId: task.roundId,
      bytes,
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
    const host = this.host;
    // The server's seed keeps simulations reproducible; each client rounds with its own stream.
    const seed = deriveSeed(task.seed, 'secure-quantize', host.clientId());
    return new SecureRoundClient(
      roundId,
      setup,
      host.identitySecretKey,
      training,
      seed,
      {
        send: async (event, message) => {
          // socket.io cannot tie a generic event name to its payload type; the channel's signature does.
          const socket = host.socket().timeout(host.ackTimeoutMs) as {
            emitWithAck(event: string, message: unknown): Promise<unknown>;
          };
          if (event !== 'secagg-masked-input') {
            expectAccepted(await socket.emitWithAck(event, message));
            return;
          }
          await this.report(
            roundId,
            socket.emitWithAck(event, message).then((reply) => expectAccepted(reply)),
          );
          this.participated++;
          const bytes = (message as { maskedVector: Uint8Array }).maskedVector.byteLength;
          void training.then((result) =>
            host.emit('update-sent', { roundId, bytes, numSamples: result.numSamples, loss: result.metrics.loss }),
          );
        },
        enter: (stage) => {
          if (signal.aborted) return false;
          host.emit('secure-stage', { roundId, stage, clientIndex: setup.clientIndex });
          return !signal.aborted;
        },
      },
      { requireConsistencyCheck: host.requireConsistencyCheck, randomBytes: host.secureRandomBytes },
    );
  }

  /**
   * The report of `roundId` (an `update` or a `secagg-masked-input`) is on its way: the downlink
   * bookkeeping learns that it was sent, then whether the coordinator accepted it (it resolves) or not.
   */
  private async report<T>(roundId: string, sending: Promise<T>): Promise<T> {
    this.downlink.reportSent(roundId);
    try {
      const result = await sending;
      this.reported = roundId;
      this.downlink.reportAccepted(roundId);
      return result;
    } catch (error) {
      this.downlink.reportFailed(roundId);
      throw error;
    }
  }

  /** A failed secure step ends the local round (training stops) and is reported, unless the round was already left. */
  private reportSecureStep(pending: Promise<void>, abort: AbortController): void {
    pending.catch((error: Error) => {
      const alreadyLeft = abort.signal.aborted;
      abort.abort();
      if (!alreadyLeft) this.host.report(error);
    });
  }
}
