import nacl from 'tweetnacl';
import {
  encodeOwnedShareRecords,
  encodeShareRecords,
  parseSecAggAdvertsMessage,
  parseSecAggShareDeliveryMessage,
  parseSecAggUnmaskMessage,
} from '@edgefl/protocol';
import type { ClientToServerEvents, SecureRoundSetup } from '@edgefl/protocol';
import { SeededRandom, deriveSeed } from '@edgefl/random';
import { SecAggClientSession, clientSessionOptionsOf, packMaskedVector } from '@edgefl/secagg';
import type { ConnectedClient } from '../client-channel';
import type { SentMessage } from './recording-client-channel';

/** A client-to-coordinator secure message. */
export type SecureClientEvent = Extract<keyof ClientToServerEvents, `secagg-${string}`>;
type ClientMessage<E extends SecureClientEvent> = Parameters<ClientToServerEvents[E]>[0];

/** Where a {@link SecureTestCohort} sends its messages (the round runner's inbox, or a stage). */
export type SecureDelivery = <E extends SecureClientEvent>(
  clientId: string,
  event: E,
  message: ClientMessage<E>,
) => void;

/**
 * Honest secure-round clients in memory, for coordinator tests: each holds a fixed Ed25519
 * identity and a {@link SecAggClientSession} with seeded randomness, hears the coordinator's
 * messages ({@link hear}, e.g. from a `RecordingClientChannel.onSend`) and answers each stage on
 * the next turn of the event loop through `deliver`. A client listed in `silentFrom` stops
 * answering from that message on (a dropout).
 *
 * @example
 * const cohort = new SecureTestCohort(['a', 'b', 'c'], (clientId, setup) => levels, deliver);
 * for (const client of cohort.clients()) channel.connect(client);
 * channel.onSend = (sent) => cohort.hear(sent);
 */
export class SecureTestCohort {
  /** The input each client masked, by client id (the levels it was given). */
  readonly inputs = new Map<string, Uint32Array>();
  /** Client id -> the server message from which it stops answering. */
  readonly silentFrom = new Map<string, SentMessage['event']>();
  /** Errors the clients met (an honest cohort should meet none). */
  readonly errors: unknown[] = [];
  private readonly identities = new Map<string, nacl.SignKeyPair>();
  private readonly sessions = new Map<
    string,
    { session: SecAggClientSession; setup: SecureRoundSetup; roundId: string }
  >();
  private readonly silenced = new Set<string>();

  constructor(
    clientIds: readonly string[],
    private readonly input: (clientId: string, setup: SecureRoundSetup) => Uint32Array,
    private readonly deliver: SecureDelivery,
    private readonly seed = 1,
  ) {
    for (const clientId of clientIds) {
      const random = new SeededRandom(deriveSeed(seed, 'identity', clientId));
      const keySeed = Uint8Array.from({ length: 32 }, () => random.nextInt(256));
      this.identities.set(clientId, nacl.sign.keyPair.fromSeed(keySeed));
    }
  }

  /** The cohort as enrolled clients with their proven identity keys. */
  clients(): ConnectedClient[] {
    return [...this.identities].map(([clientId, keys]) => ({ clientId, identityKey: keys.publicKey }));
  }

  /** The identity key pair of one client (to forge or check signatures). */
  identityOf(clientId: string): nacl.SignKeyPair {
    const keys = this.identities.get(clientId);
    if (keys === undefined) throw new RangeError(`${clientId} is not in the test cohort`);
    return keys;
  }

  /** Takes one coordinator message; the client answers on the next turn of the event loop. */
  hear(sent: SentMessage): void {
    const clientId = sent.to;
    if (this.silentFrom.get(clientId) === sent.event) this.silenced.add(clientId);
    if (this.silenced.has(clientId) || !this.identities.has(clientId)) return;
    setImmediate(() => {
      try {
        this.answer(clientId, sent);
      } catch (error) {
        this.errors.push(error);
      }
    });
  }

  private answer(clientId: string, sent: SentMessage): void {
    switch (sent.event) {
      case 'task': {
        const setup = sent.message.secure;
        if (!setup) return;
        const random = new SeededRandom(deriveSeed(this.seed, 'secagg', clientId, sent.message.round));
        const session = new SecAggClientSession(
          clientSessionOptionsOf(setup, {
            roundId: sent.message.roundId,
            identitySecretKey: this.identityOf(clientId).secretKey,
            consistencyCheck: setup.consistencyCheck === true,
            randomBytes: (n) => Uint8Array.from({ length: n }, () => random.nextInt(256)),
          }),
        );
        const roundId = sent.message.roundId;
        this.sessions.set(clientId, { session, setup, roundId });
        const advert = session.advertiseKeys();
        this.deliver(clientId, 'secagg-advertise', { type: 'secagg-advertise', ...advert });
        return;
      }
      case 'secagg-adverts': {
        const { session, setup, roundId } = this.sessionOf(clientId);
        const message = parseSecAggAdvertsMessage(sent.message);
        const upload = session.shareKeys(message.advertisements.map((advert) => ({ ...advert, roundId })));
        this.deliver(clientId, 'secagg-shares', {
          type: 'secagg-shares',
          roundId,
          clientIndex: setup.clientIndex,
          shares: encodeShareRecords(upload.shares, roundId),
        });
        return;
      }
      case 'secagg-share-delivery': {
        const { session, setup, roundId } = this.sessionOf(clientId);
        const message = parseSecAggShareDeliveryMessage(sent.message);
        const x = this.input(clientId, setup);
        this.inputs.set(clientId, x);
        const masked = session.maskInput(x, message);
        this.deliver(clientId, 'secagg-masked-input', {
          type: 'secagg-masked-input',
          roundId,
          clientIndex: setup.clientIndex,
          maskedVector: packMaskedVector(masked, setup.modulusBits),
        });
        return;
      }
      case 'secagg-consistency': {
        const { session, setup, roundId } = this.sessionOf(clientId);
        const signed = session.signSurvivors({ roundId, survivors: sent.message.survivors });
        this.deliver(clientId, 'secagg-signature', {
          type: 'secagg-signature',
          roundId,
          clientIndex: setup.clientIndex,
          signature: signed.signature,
        });
        return;
      }
      case 'secagg-unmask': {
        const { session, setup, roundId } = this.sessionOf(clientId);
        const message = parseSecAggUnmaskMessage(sent.message);
        if (message.consistency) {
          session.checkConsistency({
            roundId,
            survivors: message.consistency.survivors,
            signatures: message.consistency.signatures.map((signature) => ({ ...signature, roundId })),
          });
        }
        const revealed = session.unmask({ survivors: message.survivors, dropouts: message.dropouts });
        this.deliver(clientId, 'secagg-reveal', {
          type: 'secagg-reveal',
          roundId,
          clientIndex: setup.clientIndex,
          selfSeedShares: encodeOwnedShareRecords(revealed.selfSeedShares),
          maskKeyShares: encodeOwnedShareRecords(revealed.maskKeyShares),
        });
        return;
      }
      default:
        return;
    }
  }

  private sessionOf(clientId: string): { session: SecAggClientSession; setup: SecureRoundSetup; roundId: string } {
    const held = this.sessions.get(clientId);
    if (!held) throw new Error(`client ${clientId} has no secure round`);
    return held;
  }
}
