import { RoundStage, encodeOwnedShareRecords, encodeShareRecords } from '@edgefl/protocol';
import type {
  ClientToServerEvents,
  ParsedSecAggAdverts,
  ParsedSecAggShareDelivery,
  ParsedSecAggUnmask,
  SecAggConsistencyMessage,
  SecureRoundSetup,
} from '@edgefl/protocol';
import {
  SecAggClientSession,
  ShareDecryptionError,
  StageError,
  clientSessionOptionsOf,
  packMaskedVector,
} from '@edgefl/secagg';
import { encodeSecureInput } from '@edgefl/quantization';
import { RandomSource, cryptoRandomSource } from '@edgefl/privacy';
import { encodeDpSecureInput } from './encode-dp-secure-input';
import type { LocalTrainingResult } from './local-trainer';
import { SecureRoundError } from './secure-round-error';

/** Client-to-coordinator secure events that carry a stage's message. */
export type SecureSendEvent = Extract<keyof ClientToServerEvents, `secagg-${string}`>;

/** How a {@link SecureRoundClient} talks to the coordinator and to the app. */
export interface SecureRoundChannel {
  /** Sends a message and resolves once the coordinator accepted it (rejects on an error reply). */
  send<E extends SecureSendEvent>(event: E, message: Parameters<ClientToServerEvents[E]>[0]): Promise<void>;
  /** Called right before the client sends its message of `stage`; false when the round was left meanwhile (nothing is sent). */
  enter(stage: RoundStage): boolean;
}

/** What the client itself requires of a secure round, whatever the coordinator announces. */
export interface SecureRoundPolicy {
  /**
   * Run the consistency check even when the coordinator announces none (default true). The round
   * runs it when this is on OR the task announces it; with it, the client reveals nothing unless it
   * signed the survivor set and t of its neighbours signed the same set.
   */
  requireConsistencyCheck?: boolean;
  /**
   * The randomness of the round's secrets (round key pairs, self-mask seed, Shamir coefficients,
   * and in DP rounds the noise and randomized rounding of the input); tweetnacl's CSPRNG by default.
   * Tests only: whoever can predict it can unmask this client's input and take its noise back out.
   */
  randomBytes?: (length: number) => Uint8Array;
}

/**
 * One client's secure round over the wire: a {@link SecAggClientSession} driven by the
 * coordinator's stage messages. Training runs in parallel from the task on; the masked input is
 * sent once both the shares and the training result are there. Every transition is checked by
 * the session: a message out of order, a forged advertisement or an unmask request the client
 * must not answer aborts the session (secrets wiped), tells the coordinator (`secagg-abort`) and
 * rejects with {@link SecureRoundError}. With the consistency check (by default required by the
 * client itself, not only when the coordinator announces it) an unmask request comes only after
 * the client signed the survivor set, and it must carry t valid neighbour signatures on that set;
 * a coordinator that skips the check gets a refusal, never a reveal.
 *
 * @example
 * const round = new SecureRoundClient(task.roundId, task.secure, identity.secretKey, training, seed, channel);
 * await round.advertise();
 * socket.on('secagg-adverts', (m) => round.onAdverts(parseSecAggAdvertsMessage(m)));
 * socket.on('secagg-consistency', (m) => round.onConsistency(parseSecAggConsistencyMessage(m)));
 */
export class SecureRoundClient {
  private readonly session: SecAggClientSession;
  /** DP rounds: the noise and rounding of the input, from the same source as the round's secrets. */
  private readonly dpRandom: RandomSource;
  private stage: RoundStage = RoundStage.Configure;
  /** Stages this client has taken part in: a repeated stage message is ignored (docs/PROTOCOL.md "Delivery"). */
  private readonly entered = new Set<RoundStage>();

  constructor(
    readonly roundId: string,
    private readonly setup: SecureRoundSetup,
    identitySecretKey: Uint8Array,
    private readonly training: Promise<LocalTrainingResult>,
    private readonly quantizationSeed: number,
    private readonly channel: SecureRoundChannel,
    policy: SecureRoundPolicy = {},
  ) {
    const requireConsistencyCheck = policy.requireConsistencyCheck ?? true;
    if (typeof requireConsistencyCheck !== 'boolean')
      throw new TypeError('policy.requireConsistencyCheck must be a boolean');
    this.session = new SecAggClientSession(
      clientSessionOptionsOf(setup, {
        roundId,
        identitySecretKey,
        // The client's own policy OR the announcement: a coordinator cannot switch the check off.
        consistencyCheck: requireConsistencyCheck || setup.consistencyCheck === true,
        randomBytes: policy.randomBytes,
      }),
    );
    this.dpRandom = policy.randomBytes ? new RandomSource(policy.randomBytes) : cryptoRandomSource();
  }

  get clientIndex(): number {
    return this.setup.clientIndex;
  }

  /** AdvertiseKeys: signs and sends this round's two public keys. */
  advertise(): Promise<void> {
    return this.step(RoundStage.AdvertiseKeys, async () => {
      const advert = this.session.advertiseKeys();
      if (!this.channel.enter(RoundStage.AdvertiseKeys)) return this.leave();
      await this.channel.send('secagg-advertise', { type: 'secagg-advertise', ...advert });
    });
  }

  /** ShareKeys: verifies the neighbours' advertisements and sends one encrypted share per neighbour. */
  onAdverts(message: ParsedSecAggAdverts): Promise<void> {
    return this.step(RoundStage.ShareKeys, async () => {
      // Each advertisement is checked against the round the message names (and signed for).
      const upload = this.session.shareKeys(
        message.advertisements.map((advert) => ({ ...advert, roundId: message.roundId })),
      );
      if (!this.channel.enter(RoundStage.ShareKeys)) return this.leave();
      await this.channel.send('secagg-shares', {
        type: 'secagg-shares',
        roundId: upload.roundId,
        clientIndex: upload.clientIndex,
        shares: encodeShareRecords(upload.shares, upload.roundId),
      });
    });
  }

  /** MaskedInput: waits for training, encodes the weighted delta on the round's grid, masks, packs and uploads it. */
  onShareDelivery(message: ParsedSecAggShareDelivery): Promise<void> {
    return this.step(RoundStage.MaskedInput, async () => {
      const result = await this.training;
      const x = this.setup.dp
        ? encodeDpSecureInput(result.delta, this.setup, this.dpRandom)
        : encodeSecureInput(result.delta, result.numSamples, this.setup, this.quantizationSeed);
      const masked = this.session.maskInput(x, message);
      x.fill(0);
      if (!this.channel.enter(RoundStage.MaskedInput)) return this.leave();
      await this.channel.send('secagg-masked-input', {
        type: 'secagg-masked-input',
        roundId: this.roundId,
        clientIndex: this.clientIndex,
        maskedVector: packMaskedVector(masked, this.setup.modulusBits),
      });
    });
  }

  /** Whether this round runs the consistency check (the client's policy OR the coordinator's announcement). */
  get consistencyCheck(): boolean {
    return this.session.consistencyCheck;
  }

  /** ConsistencyCheck: signs the announced survivor set (it must contain this client and t of its peers) and sends the signature. */
  onConsistency(message: SecAggConsistencyMessage): Promise<void> {
    return this.step(RoundStage.ConsistencyCheck, async () => {
      const signed = this.session.signSurvivors({ roundId: message.roundId, survivors: message.survivors });
      if (!this.channel.enter(RoundStage.ConsistencyCheck)) return this.leave();
      await this.channel.send('secagg-signature', {
        type: 'secagg-signature',
        roundId: this.roundId,
        clientIndex: this.clientIndex,
        signature: signed.signature,
      });
    });
  }

  /**
   * Unmask: with the consistency check, first verifies the delivery (the set this client signed,
   * t valid neighbour signatures on it); then reveals exactly the shares an honest client may
   * reveal, or refuses and aborts.
   */
  onUnmask(message: ParsedSecAggUnmask): Promise<void> {
    return this.step(RoundStage.Unmask, async () => {
      if (message.consistency) {
        const { survivors, signatures } = message.consistency;
        this.session.checkConsistency({
          roundId: message.roundId,
          survivors,
          signatures: signatures.map((signature) => ({ ...signature, roundId: message.roundId })),
        });
      }
      const revealed = this.revealFor(message);
      if (!this.channel.enter(RoundStage.Unmask)) return;
      await this.channel.send('secagg-reveal', {
        type: 'secagg-reveal',
        roundId: this.roundId,
        clientIndex: this.clientIndex,
        selfSeedShares: encodeOwnedShareRecords(revealed.selfSeedShares),
        maskKeyShares: encodeOwnedShareRecords(revealed.maskKeyShares),
      });
    });
  }

  /** The session decides; a StageError here means the coordinator skipped the consistency check this round needs. */
  private revealFor(message: ParsedSecAggUnmask): ReturnType<SecAggClientSession['unmask']> {
    try {
      return this.session.unmask({ survivors: message.survivors, dropouts: message.dropouts });
    } catch (error) {
      if (error instanceof StageError && this.session.consistencyCheck) {
        throw new Error(
          `refusing to unmask: this round needs the consistency check and the coordinator skipped it (${error.message})`,
        );
      }
      throw error;
    }
  }

  /** The coordinator ended the round (round-end) or the client left: wipe the secrets. */
  abort(): void {
    this.session.abort();
  }

  private leave(): void {
    this.session.abort();
  }

  private async step(stage: RoundStage, action: () => Promise<void>): Promise<void> {
    if (this.entered.has(stage)) return;
    this.entered.add(stage);
    this.stage = stage;
    try {
      await action();
    } catch (error) {
      this.session.abort();
      const reason = (error as Error).message;
      // Neighbours whose share boxes do not open are named first, so the coordinator can blame them.
      if (error instanceof ShareDecryptionError && error.accused.length > 0) {
        this.channel
          .send('secagg-complaint', {
            type: 'secagg-complaint',
            roundId: this.roundId,
            clientIndex: this.clientIndex,
            accused: [...error.accused],
            kind: 'share-box',
          })
          .catch(() => undefined);
      }
      // Best effort: the coordinator stops waiting for this client; the round may go on without it.
      this.channel
        .send('secagg-abort', {
          type: 'secagg-abort',
          roundId: this.roundId,
          stage: this.stage,
          reason: reason.slice(0, 256),
        })
        .catch(() => undefined);
      throw new SecureRoundError(this.roundId, this.stage, reason);
    }
  }
}
