import { StageError } from './secagg-errors';
import type {
  ConsistencyDelivery,
  ConsistencyRequest,
  ConsistencySignature,
  KeyAdvertisement,
  RevealedShares,
  SecAggClientConfig,
  SharesDelivery,
  SharesUpload,
  UnmaskRequest,
} from './secagg-messages';
import { RoundStage } from '@edgefl/protocol';
import { acceptAdvertisement, advertisementsFor, closeAdvertiseKeys } from './server/advertise-keys-stage';
import {
  acceptConsistencySignature,
  closeConsistencyCheck,
  consistencyDeliveryFor,
  consistencyRequestFor,
} from './server/consistency-check-stage';
import { acceptMaskedInput, closeMaskedInput, unmaskRequestFor } from './server/masked-input-stage';
import { acceptHeldMaskedInput, acceptMaskedPartial } from './server/held-masked-inputs';
import {
  createServerRoundState,
  neighboursOf,
  type SecAggServerOptions,
  type ServerRoundState,
} from './server/server-round-state';
import { acceptShares, closeShareKeys, sharesFor } from './server/share-keys-stage';
import { acceptRevealedShares, finishRound, sharesComplete, type SecAggRoundResult } from './server/unmask-stage';

export type { SecAggServerOptions } from './server/server-round-state';
export type { SecAggRoundResult } from './server/unmask-stage';

/**
 * The server's side of one SecAgg / SecAgg+ round, no I/O. Setup happens in the constructor (the
 * neighbour graph is built), then the round collects each stage's messages until the caller
 * closes the stage (deadline or everyone answered). Closing records who dropped; fewer than t
 * left aborts the round with ThresholdError. The server only routes encrypted shares.
 *
 * `receive*` throw on a bad message (MalformedMessageError, SignatureError...) without aborting
 * the round: the caller treats that client as dropped.
 *
 * @example
 * const round = new SecAggServerRound({ roundId: 'r7', cohortIndices: [1, 2, 3, 4, 5], modulusBits: 16, vectorLength: 100, graphSeed: nacl.randomBytes(32) });
 * for (const advert of adverts) round.receiveAdvertisement(advert);
 * round.closeAdvertiseKeys(); // then advertisementsFor(id) -> each client
 * // ... receiveShares / closeShareKeys / sharesFor, receiveMaskedInput / closeMaskedInput ...
 * // with consistencyCheck: consistencyRequestFor / receiveConsistencySignature / closeConsistencyCheck / consistencyDeliveryFor
 * // ... unmaskRequestFor / receiveRevealedShares ...
 * const { sum, survivors } = round.finish();
 */
export class SecAggServerRound {
  private readonly state: ServerRoundState;

  constructor(options: SecAggServerOptions) {
    this.state = createServerRoundState(options);
  }

  get stage(): RoundStage {
    return this.state.stage;
  }

  get roundId(): string {
    return this.state.roundId;
  }

  /** Shamir threshold t in force. */
  get threshold(): number {
    return this.state.threshold;
  }

  /** Effective degree of the graph: min(k, n-1). */
  get degree(): number {
    return this.state.graph.degree;
  }

  /** Whether the round runs the ConsistencyCheck stage between MaskedInput and Unmask. */
  get consistencyCheck(): boolean {
    return this.state.consistencyCheck;
  }

  /** Who dropped in each closed stage (expected there, never answered). */
  get dropoutsByStage(): ReadonlyMap<RoundStage, readonly number[]> {
    return this.state.dropouts;
  }

  /** The Setup message content for one client. */
  clientConfigFor(clientIndex: number): SecAggClientConfig {
    return {
      cohortSize: this.state.cohortIndices.length,
      neighbourCount: this.state.neighbourCount,
      threshold: this.state.threshold,
      modulusBits: this.state.modulusBits,
      vectorLength: this.state.vectorLength,
      neighbours: [...neighboursOf(this.state, clientIndex)],
      // Only when on, so the Setup content of rounds without the check stays exactly as before.
      ...(this.state.consistencyCheck ? { consistencyCheck: true } : {}),
    };
  }

  receiveAdvertisement(advertisement: KeyAdvertisement): void {
    this.expect(RoundStage.AdvertiseKeys, 'receiveAdvertisement');
    acceptAdvertisement(this.state, advertisement);
  }

  closeAdvertiseKeys(): void {
    this.expect(RoundStage.AdvertiseKeys, 'closeAdvertiseKeys');
    closeAdvertiseKeys(this.state);
  }

  /** After AdvertiseKeys closed: the advertisements of the client's neighbours. */
  advertisementsFor(clientIndex: number): KeyAdvertisement[] {
    this.expect(RoundStage.ShareKeys, 'advertisementsFor');
    return advertisementsFor(this.state, clientIndex);
  }

  receiveShares(upload: SharesUpload): void {
    this.expect(RoundStage.ShareKeys, 'receiveShares');
    acceptShares(this.state, upload);
  }

  closeShareKeys(): void {
    this.expect(RoundStage.ShareKeys, 'closeShareKeys');
    closeShareKeys(this.state);
  }

  /** After ShareKeys closed: the encrypted shares addressed to the client (`peer` = sender). */
  sharesFor(clientIndex: number): SharesDelivery {
    this.expect(RoundStage.MaskedInput, 'sharesFor');
    return sharesFor(this.state, clientIndex);
  }

  receiveMaskedInput(clientIndex: number, maskedVector: Uint32Array): void {
    this.expect(RoundStage.MaskedInput, 'receiveMaskedInput');
    acceptMaskedInput(this.state, clientIndex, maskedVector);
  }

  /** Edge pre-aggregation: the sharer's y is checked and held by another node (it counts in U3 once its partial comes). */
  receiveHeldMaskedInput(clientIndex: number): void {
    this.expect(RoundStage.MaskedInput, 'receiveHeldMaskedInput');
    acceptHeldMaskedInput(this.state, clientIndex);
  }

  /**
   * Edge pre-aggregation: one node's sum mod 2^m of the held inputs of exactly `clientIndices`.
   * Held inputs without a partial when MaskedInput closes are dropouts.
   */
  receiveMaskedPartial(clientIndices: readonly number[], partialSum: Uint32Array): void {
    this.expect(RoundStage.MaskedInput, 'receiveMaskedPartial');
    acceptMaskedPartial(this.state, clientIndices, partialSum);
  }

  /** Closes MaskedInput; the round moves to ConsistencyCheck when it is on, else to Unmask. */
  closeMaskedInput(): void {
    this.expect(RoundStage.MaskedInput, 'closeMaskedInput');
    closeMaskedInput(this.state);
  }

  /** ConsistencyCheck (opt-in), after MaskedInput closed: the survivor set U3 a survivor is asked to sign. */
  consistencyRequestFor(clientIndex: number): ConsistencyRequest {
    this.expect(RoundStage.ConsistencyCheck, 'consistencyRequestFor');
    return consistencyRequestFor(this.state, clientIndex);
  }

  /** ConsistencyCheck: one survivor's signature on U3 (MalformedMessageError / SignatureError without aborting). */
  receiveConsistencySignature(signature: ConsistencySignature): void {
    this.expect(RoundStage.ConsistencyCheck, 'receiveConsistencySignature');
    acceptConsistencySignature(this.state, signature);
  }

  /** Closes ConsistencyCheck: the signers are U4; fewer than t aborts with ThresholdError. */
  closeConsistencyCheck(): void {
    this.expect(RoundStage.ConsistencyCheck, 'closeConsistencyCheck');
    closeConsistencyCheck(this.state);
  }

  /** After ConsistencyCheck closed: U3 and the signatures of the signer's neighbours, for checkConsistency. */
  consistencyDeliveryFor(clientIndex: number): ConsistencyDelivery {
    this.expect(RoundStage.Unmask, 'consistencyDeliveryFor');
    return consistencyDeliveryFor(this.state, clientIndex);
  }

  /** After MaskedInput (or ConsistencyCheck, when on) closed: what to ask a survivor (signer) to reveal. */
  unmaskRequestFor(clientIndex: number): UnmaskRequest {
    this.expect(RoundStage.Unmask, 'unmaskRequestFor');
    return unmaskRequestFor(this.state, clientIndex);
  }

  receiveRevealedShares(revealed: RevealedShares): void {
    this.expect(RoundStage.Unmask, 'receiveRevealedShares');
    acceptRevealedShares(this.state, revealed);
  }

  /** Unmask: whether every secret finish() must rebuild already has t revealed shares. */
  sharesComplete(): boolean {
    this.expect(RoundStage.Unmask, 'sharesComplete');
    return sharesComplete(this.state);
  }

  /** Closes Unmask and returns the sum of the survivors' inputs, or aborts with ThresholdError. */
  finish(): SecAggRoundResult {
    this.expect(RoundStage.Unmask, 'finish');
    return finishRound(this.state);
  }

  /** Abandons the round (e.g. the coordinator gives up); nothing more is unmasked. */
  abort(): void {
    this.state.stage = RoundStage.Abandoned;
  }

  private expect(stage: RoundStage, action: string): void {
    if (this.state.stage !== stage) throw new StageError([stage], this.state.stage, action);
  }
}
