import nacl from 'tweetnacl';
import { bytesEqual } from '../byte-encoding';
import { derivePairwiseSeed } from '../key-agreement';
import { unmaskSum, type DanglingPairwiseSeed } from '../masking';
import { entryOf } from '../entry-of';
import { SecAggError } from '../secagg-errors';
import type {
  ConsistencyDelivery,
  ConsistencyRequest,
  ConsistencySignature,
  KeyAdvertisement,
  RevealedShares,
  SharesDelivery,
  UnmaskRequest,
} from '../secagg-messages';
import { SecAggServerRound, type SecAggRoundResult, type SecAggServerOptions } from '../secagg-server-round';
import { RoundStage } from '@edgefl/protocol';
import { shamirCombine, type ShamirShare } from '../shamir-secret-sharing';

/** How the lying coordinator deviates. */
export interface CoordinatorLies {
  /** Per client: peers it is told dropped although their masked input arrived. */
  readonly claimedDropouts?: ReadonlyMap<number, ReadonlySet<number>>;
  /** Per recipient: senders whose encrypted shares are kept from it (it then masks only with the rest). */
  readonly withheldShares?: ReadonlyMap<number, ReadonlySet<number>>;
}

/**
 * Test helper: an actively malicious coordinator. Stages up to MaskedInput run honestly (it records
 * every advertisement and masked vector, and may withhold shares); from then on each client c gets
 * its own view U3 \ claimedDropouts(c): the consistency request, the delivery (only the neighbours'
 * signatures on that same view: the best a liar can forward) and an unmask request that matches
 * the view, so an honest client cannot tell the lie from its own messages alone. It keeps every
 * revealed share and tries to rebuild single inputs from them (`recoverInputOf`).
 */
export class LyingServerRound extends SecAggServerRound {
  readonly advertisements = new Map<number, KeyAdvertisement>();
  readonly maskedInputs = new Map<number, Uint32Array>();
  readonly signatures = new Map<number, ConsistencySignature>();
  readonly revealed = new Map<number, RevealedShares>();
  private readonly signedViews = new Map<number, string>();

  constructor(
    options: SecAggServerOptions,
    private readonly lies: CoordinatorLies,
  ) {
    super(options);
  }

  override receiveAdvertisement(advertisement: KeyAdvertisement): void {
    super.receiveAdvertisement(advertisement);
    this.advertisements.set(advertisement.clientIndex, advertisement);
  }

  override sharesFor(clientIndex: number): SharesDelivery {
    const withheld = this.lies.withheldShares?.get(clientIndex);
    const delivery = super.sharesFor(clientIndex);
    return { ...delivery, shares: delivery.shares.filter((share) => withheld?.has(share.peer) !== true) };
  }

  override receiveMaskedInput(clientIndex: number, maskedVector: Uint32Array): void {
    super.receiveMaskedInput(clientIndex, maskedVector);
    this.maskedInputs.set(clientIndex, maskedVector.slice());
  }

  /** The neighbours whose shares the client holds (the server knows it: it routed them). */
  peersOf(clientIndex: number): number[] {
    const gone = new Set([
      ...(this.dropoutsByStage.get(RoundStage.AdvertiseKeys) ?? []),
      ...(this.dropoutsByStage.get(RoundStage.ShareKeys) ?? []),
    ]);
    const withheld = this.lies.withheldShares?.get(clientIndex);
    return this.clientConfigFor(clientIndex).neighbours.filter(
      (peer) => !gone.has(peer) && withheld?.has(peer) !== true,
    );
  }

  viewOf(clientIndex: number): number[] {
    const claimed = this.lies.claimedDropouts?.get(clientIndex);
    return [...this.maskedInputs.keys()].filter((id) => claimed?.has(id) !== true).sort((a, b) => a - b);
  }

  override consistencyRequestFor(clientIndex: number): ConsistencyRequest {
    return { roundId: this.roundId, survivors: this.viewOf(clientIndex) };
  }

  override receiveConsistencySignature(signature: ConsistencySignature): void {
    this.signatures.set(signature.clientIndex, signature);
    this.signedViews.set(signature.clientIndex, this.viewOf(signature.clientIndex).join(','));
  }

  override closeConsistencyCheck(): void {
    // The liar closes nothing: it forwards whatever helps (see consistencyDeliveryFor).
  }

  override consistencyDeliveryFor(clientIndex: number): ConsistencyDelivery {
    const view = this.viewOf(clientIndex);
    const signatures = this.clientConfigFor(clientIndex)
      .neighbours.filter((peer) => this.signedViews.get(peer) === view.join(','))
      .map((peer) => entryOf(this.signatures, peer, 'consistency signature'));
    return { roundId: this.roundId, survivors: view, signatures };
  }

  override unmaskRequestFor(clientIndex: number): UnmaskRequest {
    const view = new Set(this.viewOf(clientIndex));
    const peers = this.peersOf(clientIndex);
    return { survivors: peers.filter((peer) => view.has(peer)), dropouts: peers.filter((peer) => !view.has(peer)) };
  }

  override receiveRevealedShares(revealed: RevealedShares): void {
    this.revealed.set(revealed.clientIndex, revealed);
  }

  override finish(): SecAggRoundResult {
    throw new SecAggError('a lying coordinator computes no honest sum');
  }

  /** Revealed shares of one secret: self seeds (`selfSeed`) or mask-agreement keys (`maskKey`) of `owner`. */
  sharesOf(owner: number, kind: 'selfSeed' | 'maskKey'): ShamirShare[] {
    const out: ShamirShare[] = [];
    for (const [holderId, revealed] of this.revealed) {
      for (const owned of kind === 'selfSeed' ? revealed.selfSeedShares : revealed.maskKeyShares) {
        if (owned.owner === owner) out.push({ index: holderId, value: owned.share });
      }
    }
    return out;
  }

  /**
   * What the attack is after: x of one client, from its y, its rebuilt self seed and a pairwise
   * seed for every peer it masked with (rebuilt from either end's mask-agreement key). Undefined
   * when some secret has fewer than t revealed shares.
   */
  recoverInputOf(target: number): Uint32Array | undefined {
    const y = this.maskedInputs.get(target);
    const seedShares = this.sharesOf(target, 'selfSeed');
    if (y === undefined || seedShares.length < this.threshold) return undefined;
    const targetKey = this.rebuildMaskKey(target);
    const danglingPairwiseSeeds: DanglingPairwiseSeed[] = [];
    for (const peer of this.peersOf(target)) {
      const peerKey = this.rebuildMaskKey(peer);
      const [ownId, ownSecretKey, otherId] =
        peerKey !== undefined ? [peer, peerKey, target] : [target, targetKey, peer];
      if (ownSecretKey === undefined) return undefined;
      const peerPublicKey = entryOf(this.advertisements, otherId, 'advertisement').maskKey;
      danglingPairwiseSeeds.push({
        survivorId: target,
        droppedId: peer,
        seed: derivePairwiseSeed({ roundId: this.roundId, ownId, peerId: otherId, ownSecretKey, peerPublicKey }),
      });
    }
    return unmaskSum({
      maskedVectors: [y],
      modulusBits: this.clientConfigFor(target).modulusBits,
      survivorSelfSeeds: [shamirCombine(seedShares, this.threshold)],
      danglingPairwiseSeeds,
    });
  }

  private rebuildMaskKey(owner: number): Uint8Array | undefined {
    const shares = this.sharesOf(owner, 'maskKey');
    if (shares.length < this.threshold) return undefined;
    const secretKey = shamirCombine(shares, this.threshold);
    const advertised = this.advertisements.get(owner)?.maskKey;
    return advertised !== undefined && bytesEqual(nacl.scalarMult.base(secretKey), advertised) ? secretKey : undefined;
  }
}
