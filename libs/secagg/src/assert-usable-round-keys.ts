import nacl from 'tweetnacl';
import { bytesEqual } from './byte-encoding';
import { MalformedMessageError } from './secagg-errors';
import type { KeyAdvertisement } from './secagg-messages';

/** Any clamped X25519 scalar is a multiple of 8, so it sends every point of order 1, 2, 4 or 8 to 0. */
const PROBE_SCALAR = new Uint8Array(32).fill(0x5a);

/**
 * The checks every honest peer makes on an advertisement, made once by whoever sees the whole
 * round first (the coordinator): the share and mask keys are distinct, differ from every key
 * already advertised in the round (`isSeen`), and are not low-order X25519 points (whose shared
 * secret with anyone is all zeros). A key that fails makes every honest neighbour refuse the
 * advertisement, so the coordinator refuses it up front and only its sender drops out.
 *
 * @throws MalformedMessageError naming the client and the reason.
 * @example
 * assertUsableRoundKeys(advert, (key) => advertisedKeys.has(toHex(key)));
 */
export function assertUsableRoundKeys(advertisement: KeyAdvertisement, isSeen: (key: Uint8Array) => boolean): void {
  const { clientIndex, shareKey, maskKey } = advertisement;
  if (bytesEqual(shareKey, maskKey))
    throw new MalformedMessageError(`advertisement of client ${clientIndex} uses one key as both share and mask key`);
  for (const [name, key] of [
    ['share', shareKey],
    ['mask', maskKey],
  ] as const) {
    if (isSeen(key))
      throw new MalformedMessageError(
        `advertisement of client ${clientIndex} reuses a ${name} key another client advertised`,
      );
    if (nacl.scalarMult(PROBE_SCALAR, key).every((byte) => byte === 0)) {
      throw new MalformedMessageError(`advertisement of client ${clientIndex} has a low-order ${name} key`);
    }
  }
}
