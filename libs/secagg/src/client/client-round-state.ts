import nacl from 'tweetnacl';
import {
  assertBytes,
  assertClientIndex,
  assertDistinctClientIndices,
  assertModulusBits,
  assertRoundId,
  assertVectorLength,
} from '../argument-checks';
import type { RoundKeyPairs } from '../key-advertisement';
import type { KeyAdvertisement, SecAggClientConfig } from '../secagg-messages';
import { RoundStage } from '@edgefl/protocol';
import type { SharePayload } from '../share-encryption';
import type { RandomBytes } from '../shamir-secret-sharing';

/** Construction options of a client session. */
export interface SecAggClientOptions {
  /** This client's 1-based cohort position (also its Shamir share index). */
  readonly clientIndex: number;
  readonly roundId: string;
  /** Long-term Ed25519 identity secret key (64 bytes, tweetnacl layout). */
  readonly identitySecretKey: Uint8Array;
  readonly config: SecAggClientConfig;
  /** Registered Ed25519 identity public keys of (at least) this client's neighbours. */
  readonly neighbourIdentityKeys: ReadonlyMap<number, Uint8Array>;
  /** Randomness for keys, seeds, Shamir coefficients and nonces; tweetnacl's CSPRNG by default. */
  readonly randomBytes?: RandomBytes;
}

/** The state the client stages read and update (one object per round, never shared). */
export interface ClientRoundState {
  readonly clientIndex: number;
  readonly roundId: string;
  readonly identitySecretKey: Uint8Array;
  readonly config: SecAggClientConfig;
  readonly neighbourSet: ReadonlySet<number>;
  readonly neighbourIdentityKeys: ReadonlyMap<number, Uint8Array>;
  readonly randomBytes: RandomBytes;
  stage: RoundStage;
  keys?: RoundKeyPairs;
  /** Neighbours whose valid advertisement arrived, by id. */
  peerAdvertisements: Map<number, KeyAdvertisement>;
  selfSeed?: Uint8Array;
  /** Decrypted shares received from neighbours, by owner (sender) id. */
  heldShares: Map<number, SharePayload>;
  /** ConsistencyCheck: the survivor set this client signed (ascending); it signs once per round. */
  signedSurvivors?: readonly number[];
  /** ConsistencyCheck: t neighbours' valid signatures on signedSurvivors arrived. */
  consistencyVerified: boolean;
  unmaskRequested: boolean;
}

/** Checks the options and builds the Configure-stage state. */
export function createClientRoundState(options: SecAggClientOptions): ClientRoundState {
  if (typeof options !== 'object' || options === null) throw new TypeError('options must be an object');
  const { clientIndex, roundId, identitySecretKey, config, neighbourIdentityKeys } = options;
  assertClientIndex(clientIndex, 'options.clientIndex');
  assertRoundId(roundId, 'options.roundId');
  assertBytes(identitySecretKey, 64, 'options.identitySecretKey');
  if (typeof config !== 'object' || config === null) throw new TypeError('options.config must be an object');
  const { cohortSize, neighbourCount, threshold } = config;
  if (!Number.isInteger(cohortSize) || cohortSize < 2 || cohortSize > 65535) {
    throw new RangeError(`options.config.cohortSize must be an integer in 2..65535, got ${cohortSize}`);
  }
  if (!Number.isInteger(neighbourCount) || neighbourCount < 1) {
    throw new RangeError(`options.config.neighbourCount must be a positive integer, got ${neighbourCount}`);
  }
  const degree = Math.min(neighbourCount, cohortSize - 1);
  const neighbours = assertDistinctClientIndices(config.neighbours, 'options.config.neighbours');
  if (neighbours.length !== degree || neighbours.includes(clientIndex)) {
    throw new RangeError(`options.config.neighbours must list ${degree} ids other than the client itself`);
  }
  if (!Number.isInteger(threshold) || threshold <= degree / 2 || threshold > degree) {
    throw new RangeError(
      `options.config.threshold must be an integer with degree/2 < t <= degree = ${degree} (else a server could collect both shares of a client), got ${threshold}`,
    );
  }
  assertModulusBits(config.modulusBits, 'options.config.modulusBits');
  assertVectorLength(config.vectorLength, 'options.config.vectorLength');
  if (!(neighbourIdentityKeys instanceof Map)) throw new TypeError('options.neighbourIdentityKeys must be a Map');
  for (const neighbour of neighbours) {
    assertBytes(neighbourIdentityKeys.get(neighbour), 32, `options.neighbourIdentityKeys.get(${neighbour})`);
  }
  if (config.consistencyCheck !== undefined && typeof config.consistencyCheck !== 'boolean') {
    throw new TypeError('options.config.consistencyCheck must be a boolean when given');
  }
  if (options.randomBytes !== undefined && typeof options.randomBytes !== 'function') {
    throw new TypeError('options.randomBytes must be a function');
  }
  return {
    clientIndex,
    roundId,
    identitySecretKey,
    config: { ...config, neighbours },
    neighbourSet: new Set(neighbours),
    neighbourIdentityKeys,
    randomBytes: options.randomBytes ?? nacl.randomBytes,
    stage: RoundStage.Configure,
    peerAdvertisements: new Map(),
    heldShares: new Map(),
    consistencyVerified: false,
    unmaskRequested: false,
  };
}

/** Zeroes and drops every round secret (on Completed and Abandoned). */
export function wipeClientSecrets(state: ClientRoundState): void {
  state.selfSeed?.fill(0);
  state.selfSeed = undefined;
  state.keys?.shareEncryption.secretKey.fill(0);
  state.keys?.maskAgreement.secretKey.fill(0);
  for (const payload of state.heldShares.values()) {
    payload.selfSeedShare.fill(0);
    payload.maskKeyShare.fill(0);
  }
  state.heldShares.clear();
}
