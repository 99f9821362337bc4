import nacl from 'tweetnacl';
import { entryOf } from '../entry-of';
import { SecAggClientSession } from '../secagg-client-session';
import { SecAggServerRound } from '../secagg-server-round';

/** Test helper: a server round and one client session per id, wired with fresh identity keys. */
export interface TestCohort {
  readonly server: SecAggServerRound;
  readonly sessions: Map<number, SecAggClientSession>;
  readonly identities: Map<number, nacl.SignKeyPair>;
}

export function createTestCohort(options: {
  n: number;
  neighbourCount?: number;
  threshold?: number;
  modulusBits?: number;
  vectorLength?: number;
  consistencyCheck?: boolean;
}): TestCohort {
  const ids = Array.from({ length: options.n }, (_, i) => i + 1);
  const identities = new Map(ids.map((id) => [id, nacl.sign.keyPair()] as const));
  const server = new SecAggServerRound({
    roundId: 'round-test',
    cohortIndices: ids,
    neighbourCount: options.neighbourCount,
    threshold: options.threshold,
    modulusBits: options.modulusBits ?? 16,
    vectorLength: options.vectorLength ?? 4,
    graphSeed: new Uint8Array(32).fill(9),
    identityPublicKeys: new Map(ids.map((id) => [id, entryOf(identities, id, 'identity').publicKey] as const)),
    consistencyCheck: options.consistencyCheck,
  });
  const sessions = new Map(
    ids.map((id) => {
      const config = server.clientConfigFor(id);
      return [
        id,
        new SecAggClientSession({
          clientIndex: id,
          roundId: 'round-test',
          identitySecretKey: entryOf(identities, id, 'identity').secretKey,
          config,
          neighbourIdentityKeys: new Map(
            config.neighbours.map((peer) => [peer, entryOf(identities, peer, 'identity').publicKey] as const),
          ),
        }),
      ] as const;
    }),
  );
  return { server, sessions, identities };
}

/** Drives every listed client through AdvertiseKeys, ShareKeys and MaskedInput (x = [id, id, ...]). */
export function runUntilUnmask(cohort: TestCohort, vectorLength = 4): void {
  const { server, sessions } = cohort;
  for (const session of sessions.values()) server.receiveAdvertisement(session.advertiseKeys());
  server.closeAdvertiseKeys();
  for (const [id, session] of sessions) server.receiveShares(session.shareKeys(server.advertisementsFor(id)));
  server.closeShareKeys();
  for (const [id, session] of sessions)
    server.receiveMaskedInput(id, session.maskInput(new Uint32Array(vectorLength).fill(id), server.sharesFor(id)));
  server.closeMaskedInput();
}

/** ConsistencyCheck: every listed client signs the server's survivor set, then the stage closes. */
export function signAllSurvivors(cohort: TestCohort): void {
  const { server, sessions } = cohort;
  for (const [id, session] of sessions)
    server.receiveConsistencySignature(session.signSurvivors(server.consistencyRequestFor(id)));
  server.closeConsistencyCheck();
}

export function sessionOf(cohort: TestCohort, id: number): SecAggClientSession {
  return entryOf(cohort.sessions, id, 'session');
}

export function identityOf(cohort: TestCohort, id: number): nacl.SignKeyPair {
  return entryOf(cohort.identities, id, 'identity');
}
