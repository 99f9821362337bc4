import { StageError } from './secagg-errors';
import type { EncryptedShare, KeyAdvertisement, RevealedShares, SecAggClientConfig, SharesUpload, UnmaskRequest } from './secagg-messages';
import { SecAggStage } from './secagg-stage';
import { acceptAdvertisement, advertisementsFor, closeAdvertiseKeys } from './server/advertise-keys-stage';
import { acceptMaskedInput, closeMaskedInput, unmaskRequestFor } from './server/masked-input-stage';
import { createServerRoundState, neighboursOf, type SecAggServerOptions, type ServerRoundState } from './server/server-round-state';
import { acceptShares, closeShareKeys, sharesFor } from './server/share-keys-stage';
import { acceptRevealedShares, finishRound, type SecAggRoundResult } from './server/unmask-stage';

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
 * const round = new SecAggServerRound({ roundId: 'r7', cohortIds: [1, 2, 3, 4, 5], modulusBits: 16, vectorLength: 100, graphSeed: nacl.randomBytes(32) });
 * for (const advert of adverts) round.receiveAdvertisement(advert);
 * round.closeAdvertiseKeys(); // then advertisementsFor(id) -> each client
 * // ... receiveShares / closeShareKeys / sharesFor, receiveMaskedInput / closeMaskedInput / unmaskRequestFor ...
 * const { sum, survivors } = round.finish();
 */
export class SecAggServerRound {
  private readonly state: ServerRoundState;

  constructor(options: SecAggServerOptions) {
    this.state = createServerRoundState(options);
  }

  get stage(): SecAggStage {
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

  /** Who dropped in each closed stage (expected there, never answered). */
  get dropoutsByStage(): ReadonlyMap<SecAggStage, readonly number[]> {
    return this.state.dropouts;
  }

  /** The Setup message content for one client. */
  clientConfigFor(clientId: number): SecAggClientConfig {
    return {
      cohortSize: this.state.cohortIds.length,
      neighbourCount: this.state.neighbourCount,
      threshold: this.state.threshold,
      modulusBits: this.state.modulusBits,
      vectorLength: this.state.vectorLength,
      neighbours: [...neighboursOf(this.state, clientId)],
    };
  }

  receiveAdvertisement(advertisement: KeyAdvertisement): void {
    this.expect(SecAggStage.AdvertiseKeys, 'receiveAdvertisement');
    acceptAdvertisement(this.state, advertisement);
  }

  closeAdvertiseKeys(): void {
    this.expect(SecAggStage.AdvertiseKeys, 'closeAdvertiseKeys');
    closeAdvertiseKeys(this.state);
  }

  /** After AdvertiseKeys closed: the advertisements of the client's neighbours. */
  advertisementsFor(clientId: number): KeyAdvertisement[] {
    this.expect(SecAggStage.ShareKeys, 'advertisementsFor');
    return advertisementsFor(this.state, clientId);
  }

  receiveShares(upload: SharesUpload): void {
    this.expect(SecAggStage.ShareKeys, 'receiveShares');
    acceptShares(this.state, upload);
  }

  closeShareKeys(): void {
    this.expect(SecAggStage.ShareKeys, 'closeShareKeys');
    closeShareKeys(this.state);
  }

  /** After ShareKeys closed: the encrypted shares addressed to the client. */
  sharesFor(clientId: number): EncryptedShare[] {
    this.expect(SecAggStage.MaskedInput, 'sharesFor');
    return sharesFor(this.state, clientId);
  }

  receiveMaskedInput(clientId: number, maskedVector: Uint32Array): void {
    this.expect(SecAggStage.MaskedInput, 'receiveMaskedInput');
    acceptMaskedInput(this.state, clientId, maskedVector);
  }

  closeMaskedInput(): void {
    this.expect(SecAggStage.MaskedInput, 'closeMaskedInput');
    closeMaskedInput(this.state);
  }

  /** After MaskedInput closed: what to ask a survivor to reveal. */
  unmaskRequestFor(clientId: number): UnmaskRequest {
    this.expect(SecAggStage.Unmask, 'unmaskRequestFor');
    return unmaskRequestFor(this.state, clientId);
  }

  receiveRevealedShares(revealed: RevealedShares): void {
    this.expect(SecAggStage.Unmask, 'receiveRevealedShares');
    acceptRevealedShares(this.state, revealed);
  }

  /** Closes Unmask and returns the sum of the survivors' inputs, or aborts with ThresholdError. */
  finish(): SecAggRoundResult {
    this.expect(SecAggStage.Unmask, 'finish');
    return finishRound(this.state);
  }

  /** Abandons the round (e.g. the coordinator gives up); nothing more is unmasked. */
  abort(): void {
    this.state.stage = SecAggStage.Aborted;
  }

  private expect(stage: SecAggStage, action: string): void {
    if (this.state.stage !== stage) throw new StageError([stage], this.state.stage, action);
  }
}
