/**
 * Who may join a run:
 * - `open`: anyone (the default, for local simulations);
 * - `token`: clients presenting the shared enrollment token in `hello.token`;
 * - `allowlist`: clients proving possession (challenge, Ed25519 signature) of one of the listed
 *   identity public keys.
 * In every mode a hello that names an identity key must prove it, and a client id whose key was
 * pinned at enrollment (client registry, in memory or durable) comes back only with it. An open
 * coordinator's registry is anyone's to write to, so it is bounded: see {@link OpenRegistryLimits}.
 */
export type EnrollmentMode =
  | { mode: 'open'; registry?: Partial<OpenRegistryLimits> }
  | { mode: 'token'; token: string }
  | { mode: 'allowlist'; keys: readonly Uint8Array[] };

/**
 * How an open coordinator keeps its client registry bounded (docs/THREAT-MODEL.md, "Client
 * registry"): every `ceil(maxClients / 10)` new registrations it forgets the clients not seen for
 * `ttlMs`, then the least recently seen beyond `maxClients`. The registry so holds at most
 * 1.1 * maxClients clients; a forgotten client's id is free again (its key unpinned).
 */
export interface OpenRegistryLimits {
  /** Most clients kept (default 100,000). */
  maxClients: number;
  /** Clients not seen (enrolled) for this long are forgotten (default 30 days). */
  ttlMs: number;
}

export const DEFAULT_OPEN_REGISTRY_LIMITS: OpenRegistryLimits = { maxClients: 100_000, ttlMs: 30 * 24 * 3_600_000 };
