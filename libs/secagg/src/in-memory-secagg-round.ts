import nacl from 'tweetnacl';
import { entryOf } from './entry-of';
import type { InMemoryRoundObserver, InMemoryRoundStep } from './in-memory-round-observer';
import { packMaskedVector, unpackMaskedVector } from './masked-vector-codec';
import { SecAggClientSession } from './secagg-client-session';
import { SecAggError } from './secagg-errors';
import { SecAggServerRound, type SecAggRoundResult, type SecAggServerOptions } from './secagg-server-round';
import { RoundStage } from '@edgefl/protocol';

/** Clients that go silent at each point of the round (ids of the cohort). */
export interface InMemoryDropouts {
  /** Never advertise keys. */
  readonly beforeAdvertise?: readonly number[];
  /** Advertise, then never send shares. */
  readonly afterAdvertise?: readonly number[];
  /** Send shares, then never send a masked input. */
  readonly afterShare?: readonly number[];
  /** Send a masked input, then never answer the unmask request (with the consistency check: never sign). */
  readonly afterMaskedInput?: readonly number[];
  /** Consistency check only: sign the survivor set, then never answer (no check, no unmask). */
  readonly afterConsistencySignature?: readonly number[];
}

/** Options of {@link runInMemorySecAggRound}. */
export interface InMemoryRoundOptions {
  readonly roundId: string;
  /** Each cohort member's input x, by client id. */
  readonly inputs: ReadonlyMap<number, Uint32Array>;
  readonly modulusBits: number;
  readonly neighbourCount?: number;
  readonly threshold?: number;
  /** 32-byte graph seed; random by default. */
  readonly graphSeed?: Uint8Array;
  readonly dropouts?: InMemoryDropouts;
  /** Run the ConsistencyCheck stage (server option and every client's own config); default false. */
  readonly consistencyCheck?: boolean;
  /**
   * Builds the server round; tests pass a subclass of SecAggServerRound that lies (for example about
   * who dropped) to see what honest clients reveal to an active coordinator. Default: the honest one.
   */
  readonly createServer?: (options: SecAggServerOptions) => SecAggServerRound;
  /** Send each masked input packed at m bits and unpack it for the server, as the wire does; default false. */
  readonly packMaskedInputs?: boolean;
  /** Sees every call and every upload (a bench times them); see {@link InMemoryRoundObserver}. */
  readonly observer?: InMemoryRoundObserver;
}

/** What happened in an in-memory round. */
export interface InMemoryRoundReport {
  /** Present when the round completed. */
  readonly result?: SecAggRoundResult;
  /** Present when the server aborted (ThresholdError, ReconstructionError...). */
  readonly error?: SecAggError;
  /** Clients that aborted themselves, with why (they count as dropped from then on). */
  readonly clientErrors: ReadonlyMap<number, Error>;
  /** How many clients revealed shares (0 when the round aborted before Unmask). */
  readonly revealingClients: number;
  readonly dropoutsByStage: ReadonlyMap<RoundStage, readonly number[]>;
  readonly server: SecAggServerRound;
}

/**
 * Runs a whole round between real client sessions and a server round in memory, with scripted
 * dropouts, for tests and the simulator. Messages travel as the objects the sessions produce.
 *
 * With `consistencyCheck` every survivor signs U3 and reveals only after checking its neighbours'
 * signatures; `createServer` lets a test put a lying server in the coordinator's seat;
 * `packMaskedInputs` sends each masked input in its wire form; `observer` sees every call and upload
 * (the secagg bench times each call with it and counts the bytes of each upload).
 *
 * @example
 * const report = runInMemorySecAggRound({ roundId: 'r1', inputs: new Map([[1, x1], [2, x2], [3, x3]]), modulusBits: 10 });
 * report.result?.sum; // x1 + x2 + x3 mod 2^10
 * runInMemorySecAggRound({ roundId: 'r2', inputs, modulusBits: 10, consistencyCheck: true, createServer: (o) => new MyLyingServer(o) });
 */
export function runInMemorySecAggRound(options: InMemoryRoundOptions): InMemoryRoundReport {
  if (!(options?.inputs instanceof Map) || options.inputs.size < 2) {
    throw new TypeError('options.inputs must be a Map of at least 2 client inputs');
  }
  const cohortIndices = [...options.inputs.keys()].sort((a, b) => a - b);
  const vectorLength = options.inputs.get(cohortIndices[0])?.length ?? 0;
  const identities = new Map(cohortIndices.map((id) => [id, nacl.sign.keyPair()] as const));
  const identityPublicKeys = new Map(
    cohortIndices.map((id) => [id, entryOf(identities, id, 'identity').publicKey] as const),
  );
  const consistencyCheck = options.consistencyCheck === true;
  const serverOptions: SecAggServerOptions = {
    roundId: options.roundId,
    cohortIndices,
    neighbourCount: options.neighbourCount,
    threshold: options.threshold,
    modulusBits: options.modulusBits,
    vectorLength,
    graphSeed: options.graphSeed ?? nacl.randomBytes(32),
    identityPublicKeys,
    ...(consistencyCheck ? { consistencyCheck } : {}),
  };
  const around: <T>(step: InMemoryRoundStep, call: () => T) => T = options.observer?.around ?? ((_, call) => call());
  const upload = options.observer?.upload ?? (() => undefined);
  const onServer = <T>(step: (InMemoryRoundStep & { side: 'server' })['step'], call: () => T): T =>
    around({ side: 'server', step }, call);
  const onClient = <T>(clientIndex: number, step: (InMemoryRoundStep & { side: 'client' })['step'], call: () => T): T =>
    around({ side: 'client', clientIndex, step }, call);
  const server = onServer('setup', () =>
    options.createServer === undefined ? new SecAggServerRound(serverOptions) : options.createServer(serverOptions),
  );
  const silent = (list: readonly number[] | undefined): Set<number> => new Set(list ?? []);
  const dropouts = options.dropouts ?? {};
  const [beforeAdvertise, afterAdvertise, afterShare, afterMaskedInput, afterConsistencySignature] = [
    silent(dropouts.beforeAdvertise),
    silent(dropouts.afterAdvertise),
    silent(dropouts.afterShare),
    silent(dropouts.afterMaskedInput),
    silent(dropouts.afterConsistencySignature),
  ];
  const clientErrors = new Map<number, Error>();
  const sessions = new Map(
    cohortIndices.map((id) => {
      // The client turns the check on from its own policy (here: the option), never from the server's word.
      const config = consistencyCheck
        ? { ...server.clientConfigFor(id), consistencyCheck }
        : server.clientConfigFor(id);
      const session = new SecAggClientSession({
        clientIndex: id,
        roundId: options.roundId,
        identitySecretKey: entryOf(identities, id, 'identity').secretKey,
        config,
        neighbourIdentityKeys: new Map(
          config.neighbours.map((peer) => [peer, entryOf(identityPublicKeys, peer, 'identity key')] as const),
        ),
      });
      return [id, session] as const;
    }),
  );
  const sessionOf = (id: number): SecAggClientSession => entryOf(sessions, id, 'session');
  const report = (extra: {
    result?: SecAggRoundResult;
    error?: SecAggError;
    revealingClients: number;
  }): InMemoryRoundReport => ({
    ...extra,
    clientErrors,
    dropoutsByStage: server.dropoutsByStage,
    server,
  });
  // Runs one client step; a client error or a rejected message drops that client.
  const step = (id: number, action: () => void): void => {
    try {
      action();
    } catch (error) {
      if (!(error instanceof Error)) throw error;
      clientErrors.set(id, error);
      sessionOf(id).abort();
    }
  };
  const active = (): number[] => cohortIndices.filter((id) => sessionOf(id).stage !== RoundStage.Abandoned);

  // A masked input as the server receives it: unpacked from the wire form when the option is on.
  const sendMaskedInput = (id: number, masked: Uint32Array): Uint32Array => {
    if (options.packMaskedInputs !== true) {
      upload(id, { kind: 'masked-input', masked });
      return masked;
    }
    const packed = onClient(id, 'pack', () => packMaskedVector(masked, options.modulusBits));
    upload(id, { kind: 'masked-input', masked, packed });
    return onServer('unpack', () => unpackMaskedVector(packed, options.modulusBits, vectorLength));
  };

  try {
    for (const id of active()) {
      if (beforeAdvertise.has(id)) continue;
      step(id, () => {
        const advertisement = onClient(id, 'advertise', () => sessionOf(id).advertiseKeys());
        upload(id, { kind: 'advertisement', advertisement });
        onServer('receive', () => server.receiveAdvertisement(advertisement));
      });
    }
    onServer('close', () => server.closeAdvertiseKeys());
    for (const id of active()) {
      if (sessionOf(id).stage !== RoundStage.AdvertiseKeys || afterAdvertise.has(id)) continue;
      step(id, () => {
        const advertisements = onServer('routing', () => server.advertisementsFor(id));
        const shares = onClient(id, 'share', () => sessionOf(id).shareKeys(advertisements));
        upload(id, { kind: 'shares', shares });
        onServer('receive', () => server.receiveShares(shares));
      });
    }
    onServer('close', () => server.closeShareKeys());
    for (const id of active()) {
      if (sessionOf(id).stage !== RoundStage.ShareKeys || afterShare.has(id)) continue;
      step(id, () => {
        const delivery = onServer('routing', () => server.sharesFor(id));
        const masked = onClient(id, 'mask', () =>
          sessionOf(id).maskInput(entryOf(options.inputs, id, 'input'), delivery),
        );
        const received = sendMaskedInput(id, masked);
        onServer('receive', () => server.receiveMaskedInput(id, received));
      });
    }
    onServer('close', () => server.closeMaskedInput());
    let revealingClients = 0;
    let unmaskStage = RoundStage.MaskedInput;
    let silentAtUnmask = afterMaskedInput;
    if (consistencyCheck) {
      for (const id of active()) {
        if (sessionOf(id).stage !== RoundStage.MaskedInput || afterMaskedInput.has(id)) continue;
        step(id, () => {
          const request = onServer('routing', () => server.consistencyRequestFor(id));
          const signature = onClient(id, 'sign', () => sessionOf(id).signSurvivors(request));
          upload(id, { kind: 'consistency-signature', signature });
          onServer('receive', () => server.receiveConsistencySignature(signature));
        });
      }
      onServer('close', () => server.closeConsistencyCheck());
      unmaskStage = RoundStage.ConsistencyCheck;
      silentAtUnmask = afterConsistencySignature;
    }
    for (const id of active()) {
      if (sessionOf(id).stage !== unmaskStage || silentAtUnmask.has(id)) continue;
      step(id, () => {
        if (consistencyCheck) {
          const delivery = onServer('routing', () => server.consistencyDeliveryFor(id));
          onClient(id, 'check', () => sessionOf(id).checkConsistency(delivery));
        }
        const request = onServer('routing', () => server.unmaskRequestFor(id));
        const revealed = onClient(id, 'unmask', () => sessionOf(id).unmask(request));
        upload(id, { kind: 'revealed-shares', revealed });
        onServer('receive', () => server.receiveRevealedShares(revealed));
        revealingClients++;
      });
    }
    return report({ result: onServer('finish', () => server.finish()), revealingClients });
  } catch (error) {
    if (!(error instanceof SecAggError)) throw error;
    const revealingClients = cohortIndices.filter((id) => sessionOf(id).stage === RoundStage.Completed).length;
    return report({ error, revealingClients });
  }
}
