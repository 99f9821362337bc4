import nacl from 'tweetnacl';

/** A client's long-term Ed25519 identity: the public key is enrolled, the secret key never leaves the device. */
export interface ClientIdentity {
  /** 32 bytes. */
  publicKey: Uint8Array;
  /** 64 bytes (tweetnacl's seed || public key layout). */
  secretKey: Uint8Array;
}

/**
 * A fresh Ed25519 identity from tweetnacl's CSPRNG, or a deterministic one from a 32-byte
 * `seed` (tests, or a seed kept in the device's secure storage).
 *
 * @throws TypeError naming `seed` when it is not 32 bytes.
 * @example
 * const identity = generateIdentity();
 * allowlist.push(encodeBase64(identity.publicKey));
 * new FederatedClient({ url, data, identity });
 */
export function generateIdentity(seed?: Uint8Array): ClientIdentity {
  if (seed !== undefined && (!(seed instanceof Uint8Array) || seed.length !== nacl.sign.seedLength)) {
    throw new TypeError(`seed must be ${nacl.sign.seedLength} bytes`);
  }
  const pair = seed ? nacl.sign.keyPair.fromSeed(seed) : nacl.sign.keyPair();
  return { publicKey: pair.publicKey, secretKey: pair.secretKey };
}

/** @internal Checks an identity handed to the SDK, naming the bad field. */
export function _checkIdentity(identity: ClientIdentity, name: string): void {
  if (!(identity.publicKey instanceof Uint8Array) || identity.publicKey.length !== nacl.sign.publicKeyLength) {
    throw new TypeError(`${name}.publicKey must be ${nacl.sign.publicKeyLength} bytes`);
  }
  if (!(identity.secretKey instanceof Uint8Array) || identity.secretKey.length !== nacl.sign.secretKeyLength) {
    throw new TypeError(`${name}.secretKey must be ${nacl.sign.secretKeyLength} bytes`);
  }
}
