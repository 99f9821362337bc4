import { advertiseKeysStage } from './client/advertise-keys-stage';
import { checkConsistencyStage, signSurvivorsStage } from './client/consistency-check-stage';
import {
  createClientRoundState,
  wipeClientSecrets,
  type ClientRoundState,
  type SecAggClientOptions,
} from './client/client-round-state';
import { maskedInputStage } from './client/masked-input-stage';
import { shareKeysStage } from './client/share-keys-stage';
import { unmaskStage } from './client/unmask-stage';
import { StageError, UnmaskRequestError } from './secagg-errors';
import type {
  ConsistencyDelivery,
  ConsistencyRequest,
  ConsistencySignature,
  KeyAdvertisement,
  RevealedShares,
  SharesDelivery,
  SharesUpload,
  UnmaskRequest,
} from './secagg-messages';
import { RoundStage } from '@edgefl/protocol';

export type { SecAggClientOptions } from './client/client-round-state';

/**
 * One client's side of one SecAgg / SecAgg+ round, no I/O. Each method is the client's whole part
 * in the stage it is named after and is valid only right after the previous one (else
 * {@link StageError}, state untouched). Any other error aborts the session for good and wipes its
 * secrets; after `unmask` the session is Completed and wiped too.
 *
 * @example
 * const session = new SecAggClientSession({ clientIndex: 3, roundId: 'r7', identitySecretKey, config, neighbourIdentityKeys });
 * const advert = session.advertiseKeys();                 // -> server
 * const upload = session.shareKeys(neighbourAdverts);      // -> server, routed to neighbours
 * const y = session.maskInput(x, delivery);                // delivery = { roundId, shares } from the server -> y to the server
 * // only with config.consistencyCheck (set from the client's own policy):
 * const signature = session.signSurvivors({ roundId: 'r7', survivors }); // -> server
 * session.checkConsistency({ roundId: 'r7', survivors, signatures });    // neighbours' signatures, from the server
 * const revealed = session.unmask({ survivors, dropouts }); // -> server
 */
export class SecAggClientSession {
  private readonly state: ClientRoundState;

  constructor(options: SecAggClientOptions) {
    this.state = createClientRoundState(options);
  }

  get stage(): RoundStage {
    return this.state.stage;
  }

  get clientIndex(): number {
    return this.state.clientIndex;
  }

  /** AdvertiseKeys: the signed advertisement of this round's two X25519 public keys. */
  advertiseKeys(): KeyAdvertisement {
    return this.run(RoundStage.Configure, 'advertiseKeys', () => advertiseKeysStage(this.state));
  }

  /** ShareKeys: verifies neighbour advertisements (SignatureError on a forgery), returns one encrypted share per advertised neighbour (`peer` = recipient). */
  shareKeys(neighbourAdverts: readonly KeyAdvertisement[]): SharesUpload {
    return this.run(RoundStage.AdvertiseKeys, 'shareKeys', () => shareKeysStage(this.state, neighbourAdverts));
  }

  /** MaskedInput: opens the shares addressed to this client (`peer` = sender) and returns the masked vector y. */
  maskInput(x: Uint32Array, delivery: SharesDelivery): Uint32Array {
    return this.run(RoundStage.ShareKeys, 'maskInput', () => maskedInputStage(this.state, x, delivery));
  }

  /** Whether this session runs the ConsistencyCheck stage (config.consistencyCheck). */
  get consistencyCheck(): boolean {
    return this.state.config.consistencyCheck === true;
  }

  /**
   * ConsistencyCheck (opt-in), after maskInput: signs the announced survivor set U3 with the
   * identity key, once per round. Refuses (and aborts) a set without this client (ConsistencyError)
   * or with fewer than t of its peers (ThresholdError).
   */
  signSurvivors(request: ConsistencyRequest): ConsistencySignature {
    this.requireConsistencyCheck('signSurvivors');
    return this.run(RoundStage.MaskedInput, 'signSurvivors', () => signSurvivorsStage(this.state, request));
  }

  /**
   * ConsistencyCheck (opt-in), after signSurvivors: the delivery must carry the set this client
   * signed (else ConsistencyError) and valid signatures of at least t distinct neighbours on it
   * (SignatureError on a forgery, MalformedMessageError on a duplicate or a stranger, ThresholdError
   * when too few). Any failure aborts the session: nothing is revealed.
   */
  checkConsistency(delivery: ConsistencyDelivery): void {
    this.requireConsistencyCheck('checkConsistency');
    if (this.state.consistencyVerified) {
      throw new StageError(
        [RoundStage.ConsistencyCheck],
        this.state.stage,
        'checkConsistency',
        'checkConsistency already passed in this round',
      );
    }
    this.run(RoundStage.ConsistencyCheck, 'checkConsistency', () => checkConsistencyStage(this.state, delivery));
  }

  /**
   * Unmask: reveals the shares the request asks for, or throws UnmaskRequestError and aborts. With
   * the consistency check on it is valid only after checkConsistency passed (StageError before) and
   * the request must be the signed set restricted to this client's peers (UnmaskRequestError).
   */
  unmask(request: UnmaskRequest): RevealedShares {
    if (this.state.unmaskRequested) {
      this.abort();
      throw new UnmaskRequestError('unmask was already requested once in this round');
    }
    let expected = RoundStage.MaskedInput;
    if (this.consistencyCheck) {
      expected = RoundStage.ConsistencyCheck;
      if (this.state.stage === RoundStage.ConsistencyCheck && !this.state.consistencyVerified) {
        throw new StageError(
          [expected],
          this.state.stage,
          'unmask',
          'unmask is valid only after checkConsistency passed',
        );
      }
    }
    const revealed = this.run(expected, 'unmask', () => unmaskStage(this.state, request));
    this.state.stage = RoundStage.Completed;
    wipeClientSecrets(this.state);
    return revealed;
  }

  /** Abandons the round (e.g. on the server's abort message) and wipes the round secrets. */
  abort(): void {
    this.state.stage = RoundStage.Abandoned;
    wipeClientSecrets(this.state);
  }

  private requireConsistencyCheck(action: string): void {
    if (!this.consistencyCheck) {
      throw new StageError(
        [],
        this.state.stage,
        action,
        `${action} is not part of this round: config.consistencyCheck is off`,
      );
    }
  }

  private run<T>(expected: RoundStage, action: string, stage: () => T): T {
    if (this.state.stage !== expected) throw new StageError([expected], this.state.stage, action);
    try {
      return stage();
    } catch (error) {
      this.abort();
      throw error;
    }
  }
}
