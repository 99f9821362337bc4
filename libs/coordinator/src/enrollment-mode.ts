/**
 * Who may join a run:
 * - `open`: anyone (the default, for local simulations);
 * - `token`: clients presenting the shared enrollment token in `hello.token`;
 * - `allowlist`: clients proving possession (challenge, Ed25519 signature) of one of the listed
 *   identity public keys.
 * In every mode a hello that names an identity key must prove it; in token and allowlist modes
 * a client id whose key was pinned at enrollment (client registry store) comes back only with it.
 */
export type EnrollmentMode = { mode: 'open' } | { mode: 'token'; token: string } | { mode: 'allowlist'; keys: readonly Uint8Array[] };
