import type { FederatedClientOptions } from '@edgefl/client';
import { decodeOwnedShareRecords, encodeOwnedShareRecords } from '@edgefl/protocol';
import type { SecureRoundSetup, TaskMessage } from '@edgefl/protocol';
import { SeededRandom } from '@edgefl/random';
import { packMaskedVector, signKeyAdvertisement } from '@edgefl/secagg';
import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';

/** What a tamper hook knows: the secure setup of the round the client is in (from its task). */
export interface TamperContext {
  setup?: SecureRoundSetup;
  roundId?: string;
}

/** Rewrites one outgoing message of an otherwise honest SDK client; returns it unchanged to leave it alone. */
export type Tamper = (
  event: string,
  message: Record<string, unknown>,
  context: TamperContext,
) => Record<string, unknown>;

/**
 * A `connect` for FederatedClient that turns it into an attacker: every message it sends passes
 * through `tamper` first, right before the wire (the SDK computed it honestly). Everything else
 * (enrollment, stage order, acks) stays the real SDK over a real socket.
 *
 * @example
 * new FederatedClient({ url, data, connect: tamperingConnect(garbageShareBoxes) });
 */
export function tamperingConnect(tamper: Tamper): NonNullable<FederatedClientOptions['connect']> {
  return (url, options) => {
    const socket: Socket = io(url, options);
    const context: TamperContext = {};
    socket.on('task', (task: TaskMessage) => {
      context.setup = task.secure;
      context.roundId = task.roundId;
    });
    const emitWithAck = socket.emitWithAck.bind(socket) as (event: string, ...args: unknown[]) => Promise<unknown>;
    // socket.timeout(ms) returns the socket itself, so this catches the SDK's timeout(ms).emitWithAck(...) too.
    (socket as unknown as { emitWithAck: typeof emitWithAck }).emitWithAck = (
      event: string,
      message: unknown,
      ...rest: unknown[]
    ) =>
      emitWithAck(
        event,
        typeof message === 'object' && message !== null
          ? tamper(event, message as Record<string, unknown>, context)
          : message,
        ...rest,
      );
    return socket;
  };
}

/** Attack: re-signs its advertisement with the mask key as share key too (every honest peer refuses it). */
export function sameShareAndMaskKey(identitySecretKey: Uint8Array): Tamper {
  return (event, message) => {
    if (event !== 'secagg-advertise') return message;
    const maskKey = message.maskKey as Uint8Array;
    const signed = signKeyAdvertisement(
      {
        roundId: message.roundId as string,
        clientIndex: message.clientIndex as number,
        shareKey: maskKey,
        maskKey,
      },
      identitySecretKey,
    );
    return { ...message, shareKey: maskKey, signature: signed.signature };
  };
}

/** Attack: its share boxes are garbage (the 2-byte peer of each record kept, the 80-byte box flipped). */
export const garbageShareBoxes: Tamper = (event, message) => {
  if (event !== 'secagg-shares') return message;
  const records = Uint8Array.from(message.shares as Uint8Array);
  for (let i = 0; i < records.length; i++) if (i % 82 >= 2) records[i] ^= 0x5a;
  return { ...message, shares: records };
};

/** Attack: a uniformly random (seeded) masked input of the right length and modulus. */
export function randomMaskedInput(seed: number): Tamper {
  const random = new SeededRandom(seed);
  return (event, message, context) => {
    if (event !== 'secagg-masked-input' || !context.setup) return message;
    const { modulusBits, vectorLength } = context.setup;
    const values = Uint32Array.from({ length: vectorLength }, () => random.nextInt(2 ** modulusBits));
    return { ...message, maskedVector: packMaskedVector(values, modulusBits) };
  };
}

/** Attack: at unmask it reveals wrong self-seed shares (all bytes 0xff) for every survivor it was asked about. */
export const wrongSelfSeedShares: Tamper = (event, message) => {
  if (event !== 'secagg-reveal') return message;
  const shares = decodeOwnedShareRecords(message.selfSeedShares as Uint8Array, 'selfSeedShares');
  return {
    ...message,
    selfSeedShares: encodeOwnedShareRecords(
      shares.map(({ owner }) => ({ owner, share: new Uint8Array(32).fill(0xff) })),
    ),
  };
};
