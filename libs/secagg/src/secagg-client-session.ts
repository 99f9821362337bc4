import { advertiseKeysStage } from './client/advertise-keys-stage';
import { createClientRoundState, wipeClientSecrets, type ClientRoundState, type SecAggClientOptions } from './client/client-round-state';
import { maskedInputStage } from './client/masked-input-stage';
import { shareKeysStage } from './client/share-keys-stage';
import { unmaskStage } from './client/unmask-stage';
import { StageError, UnmaskRequestError } from './secagg-errors';
import type { EncryptedShare, KeyAdvertisement, RevealedShares, UnmaskRequest } from './secagg-messages';
import { SecAggStage } from './secagg-stage';

export type { SecAggClientOptions } from './client/client-round-state';

/**
 * One client's side of one SecAgg / SecAgg+ round, no I/O. Each method is the client's whole part
 * in the stage it is named after and is valid only right after the previous one (else
 * {@link StageError}, state untouched). Any other error aborts the session for good and wipes its
 * secrets; after `unmask` the session is Done and wiped too.
 *
 * @example
 * const session = new SecAggClientSession({ clientId: 3, roundId: 'r7', identitySecretKey, config, neighbourIdentityKeys });
 * const advert = session.advertiseKeys();                 // -> server
 * const shares = session.shareKeys(neighbourAdverts);      // -> server, routed to neighbours
 * const y = session.maskInput(x, sharesForMe);             // -> server
 * const revealed = session.unmask({ survivors, dropouts }); // -> server
 */
export class SecAggClientSession {
  private readonly state: ClientRoundState;

  constructor(options: SecAggClientOptions) {
    this.state = createClientRoundState(options);
  }

  get stage(): SecAggStage {
    return this.state.stage;
  }

  get clientId(): number {
    return this.state.clientId;
  }

  /** AdvertiseKeys: the signed advertisement of this round's two X25519 public keys. */
  advertiseKeys(): KeyAdvertisement {
    return this.run(SecAggStage.Setup, 'advertiseKeys', () => advertiseKeysStage(this.state));
  }

  /** ShareKeys: verifies neighbour advertisements (SignatureError on a forgery), returns one encrypted share per advertised neighbour. */
  shareKeys(neighbourAdverts: readonly KeyAdvertisement[]): EncryptedShare[] {
    return this.run(SecAggStage.AdvertiseKeys, 'shareKeys', () => shareKeysStage(this.state, neighbourAdverts));
  }

  /** MaskedInput: opens the shares addressed to this client and returns the masked vector y. */
  maskInput(x: Uint32Array, receivedShares: readonly EncryptedShare[]): Uint32Array {
    return this.run(SecAggStage.ShareKeys, 'maskInput', () => maskedInputStage(this.state, x, receivedShares));
  }

  /** Unmask: reveals the shares the request asks for, or throws UnmaskRequestError and aborts. */
  unmask(request: UnmaskRequest): RevealedShares {
    if (this.state.unmaskRequested) {
      this.abort();
      throw new UnmaskRequestError('unmask was already requested once in this round');
    }
    const revealed = this.run(SecAggStage.MaskedInput, 'unmask', () => unmaskStage(this.state, request));
    this.state.stage = SecAggStage.Done;
    wipeClientSecrets(this.state);
    return revealed;
  }

  /** Abandons the round (e.g. on the server's abort message) and wipes the round secrets. */
  abort(): void {
    this.state.stage = SecAggStage.Aborted;
    wipeClientSecrets(this.state);
  }

  private run<T>(expected: SecAggStage, action: string, stage: () => T): T {
    if (this.state.stage !== expected) throw new StageError([expected], this.state.stage, action);
    try {
      return stage();
    } catch (error) {
      this.abort();
      throw error;
    }
  }
}
