/** Domain separator of enrollment signatures: a signature made for EdgeFL auth is useless elsewhere. */
export const AUTH_SIGNATURE_DOMAIN = 'edgefl/auth/v1';
/** Length of a `challenge.nonce`. */
export const AUTH_NONCE_BYTES = 32;
/** Length of an Ed25519 detached signature (`authenticate.signature`). */
export const AUTH_SIGNATURE_BYTES = 64;

const ID_MAX_BYTES = 64;

/**
 * The bytes a client signs to answer a `challenge` (docs/PROTOCOL.md, "Enrollment"):
 * UTF-8 `"edgefl/auth/v1"` || nonce (32 bytes) || UTF-8 clientId. The nonce has a fixed length,
 * so the split between nonce and client id is unambiguous.
 *
 * @throws TypeError naming `nonce` (not 32 bytes) or `clientId` (empty or longer than 64).
 * @example
 * const signature = nacl.sign.detached(authSignatureMessage(challenge.nonce, challenge.clientId), identity.secretKey);
 */
export function authSignatureMessage(nonce: Uint8Array, clientId: string): Uint8Array {
  if (!(nonce instanceof Uint8Array) || nonce.length !== AUTH_NONCE_BYTES)
    throw new TypeError(`nonce must be ${AUTH_NONCE_BYTES} bytes`);
  if (typeof clientId !== 'string' || clientId.length === 0 || clientId.length > ID_MAX_BYTES) {
    throw new TypeError('clientId must be a string of 1-64 characters');
  }
  const encoder = new TextEncoder();
  const domain = encoder.encode(AUTH_SIGNATURE_DOMAIN);
  const id = encoder.encode(clientId);
  const message = new Uint8Array(domain.length + nonce.length + id.length);
  message.set(domain, 0);
  message.set(nonce, domain.length);
  message.set(id, domain.length + nonce.length);
  return message;
}
