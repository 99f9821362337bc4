import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import nacl from 'tweetnacl';
import { MemoryClientRegistry } from '@edgefl/coordinator-store';
import type { ChallengeNonceStore, ClientRegistryStore } from '@edgefl/coordinator-store';
import { AUTH_NONCE_BYTES, ErrorCode, ProtocolError, authSignatureMessage, decodeBase64 } from '@edgefl/protocol';
import type { ChallengeMessage, HelloMessage } from '@edgefl/protocol';
import { DEFAULT_OPEN_REGISTRY_LIMITS } from './enrollment-mode';
import type { EnrollmentMode, OpenRegistryLimits } from './enrollment-mode';

/** How long a challenge nonce kept in a {@link ChallengeNonceStore} may be answered (ms). */
export const CHALLENGE_TTL_MS = 30_000;

/** A challenge sent on one connection and not yet answered. */
export interface PendingChallenge {
  clientId: string;
  identityKey: Uint8Array;
  nonce: Uint8Array;
}

/**
 * Decides who may enroll (docs/PROTOCOL.md, "Enrollment"): checks the token or the allowlist at
 * `hello`, issues single-use challenges to clients naming an identity key, verifies their
 * signatures (tweetnacl, domain-separated), and records enrollments in the client registry (the
 * given store, else one in memory), where the first identity key of a client id is pinned. In
 * open mode it keeps that registry bounded ({@link OpenRegistryLimits}).
 *
 * @example
 * const gate = new EnrollmentGate({ mode: 'token', token: process.env.EDGEFL_AUTH_TOKEN! });
 * gate.checkCredentials(hello); // throws ProtocolError('unauthorized') on a wrong token
 */
export class EnrollmentGate {
  private readonly tokenDigest?: Buffer;
  private readonly allowed?: Set<string>;
  private readonly clients: ClientRegistryStore;
  private readonly openLimits?: OpenRegistryLimits;
  private registrationsSinceExpiry = 0;
  private readonly banned = new Set<string>();

  /**
   * `nonces`, when given (Redis, on a cluster), also keeps every challenge's nonce for
   * `challengeTtlMs`: {@link recordChallenge} and {@link consumeChallenge} make it single-use
   * across the nodes and bound how long it may be answered.
   */
  constructor(
    readonly mode: EnrollmentMode = { mode: 'open' },
    clients?: ClientRegistryStore,
    private readonly nonces?: ChallengeNonceStore,
    private readonly challengeTtlMs = CHALLENGE_TTL_MS,
  ) {
    this.clients = clients ?? new MemoryClientRegistry();
    if (mode.mode === 'open') {
      this.openLimits = { ...DEFAULT_OPEN_REGISTRY_LIMITS, ...mode.registry };
      const { maxClients, ttlMs } = this.openLimits;
      if (!Number.isSafeInteger(maxClients) || maxClients < 1)
        throw new RangeError(`mode.registry.maxClients must be a positive integer, got ${String(maxClients)}`);
      if (!(typeof ttlMs === 'number' && ttlMs > 0))
        throw new RangeError(`mode.registry.ttlMs must be a positive number, got ${String(ttlMs)}`);
    } else if (mode.mode === 'token') {
      if (typeof mode.token !== 'string' || mode.token.length === 0)
        throw new TypeError('mode.token must be a non-empty string');
      this.tokenDigest = digest(mode.token);
    } else if (mode.mode === 'allowlist') {
      if (!Array.isArray(mode.keys) || mode.keys.length === 0)
        throw new TypeError('mode.keys must hold at least one key');
      this.allowed = new Set(mode.keys.map((key) => Buffer.from(key).toString('hex')));
    } else {
      throw new TypeError(
        `mode.mode must be open, token or allowlist, got ${String((mode as { mode: unknown }).mode)}`,
      );
    }
  }

  /** Checks what a hello can be checked for on its own: the token, and the key against the allowlist. */
  checkCredentials(hello: HelloMessage): void {
    if (this.tokenDigest) {
      if (hello.token === undefined)
        throw unauthorized('this coordinator requires an enrollment token: hello.token is missing');
      // Both sides hashed first, so neither the comparison time nor the lengths leak the token.
      if (!timingSafeEqual(digest(hello.token), this.tokenDigest))
        throw unauthorized('hello.token is not the enrollment token');
    }
    if (this.allowed) {
      if (hello.identityKey === undefined)
        throw unauthorized('this coordinator admits allowlisted identity keys only: hello.identityKey is missing');
      if (!this.allowed.has(Buffer.from(decodeBase64(hello.identityKey)).toString('hex')))
        throw unauthorized('hello.identityKey is not on the allowlist');
    }
  }

  /** The challenge for a hello naming an identity key (the caller keeps it with the connection), or undefined when none is needed. */
  challengeFor(
    hello: HelloMessage,
    clientId: string,
  ): { pending: PendingChallenge; message: ChallengeMessage } | undefined {
    if (hello.identityKey === undefined) return undefined;
    const nonce = new Uint8Array(randomBytes(AUTH_NONCE_BYTES));
    return {
      pending: { clientId, identityKey: decodeBase64(hello.identityKey), nonce },
      message: { type: 'challenge', clientId, nonce },
    };
  }

  /** Keeps the nonce of `pending` in the nonce store, when there is one (call it before the challenge goes out). */
  async recordChallenge(pending: PendingChallenge): Promise<void> {
    await this.nonces?.issue(pending.nonce, pending.clientId, this.challengeTtlMs);
  }

  /**
   * With a nonce store: takes the nonce of `pending` out of it (atomically: of two answers, on
   * one node or two, one finds it), right or wrong answer alike; throws `unauthorized` when it
   * expired or was already answered. Without one the connection's own record is single-use.
   */
  async consumeChallenge(pending: PendingChallenge): Promise<void> {
    if (!this.nonces) return;
    if ((await this.nonces.consume(pending.nonce)) !== pending.clientId)
      throw unauthorized(
        'the challenge expired or was already answered (a challenge nonce is single-use): send hello again',
      );
  }

  /** Verifies the answer to `pending`; throws `unauthorized` when the signature is not the key's over this nonce and client id. */
  verify(pending: PendingChallenge, signature: Uint8Array): void {
    const message = authSignatureMessage(pending.nonce, pending.clientId);
    if (!nacl.sign.detached.verify(message, signature, pending.identityKey)) {
      throw unauthorized(
        'authenticate.signature does not verify for the identity key, this challenge and this client id',
      );
    }
  }

  /** Refuses this client id from now on (`client-banned`), e.g. a quarantined repeat suspect. */
  ban(clientId: string): void {
    this.banned.add(clientId);
  }

  /** Throws `client-banned` for a banned client id. */
  assertNotBanned(clientId: string): void {
    if (this.banned.has(clientId))
      throw new ProtocolError(ErrorCode.ClientBanned, `client ${clientId} is banned from this coordinator`);
  }

  /**
   * Records the enrollment. In every mode a client id enrolled with an identity key comes back
   * only with that key, proven: anything else is `unauthorized`.
   */
  async enroll(clientId: string, provenKey: Uint8Array | undefined): Promise<void> {
    const known = await this.clients.getClient(clientId);
    const pinnedElsewhere = (): ProtocolError =>
      unauthorized(`client ${clientId} is enrolled with a different identity key`);
    if (known?.identityKey && (!provenKey || !sameBytes(known.identityKey, provenKey))) throw pinnedElsewhere();
    try {
      await this.clients.registerClient(clientId, { identityKey: provenKey, at: Date.now() });
    } catch (error) {
      // Another connection pinned a different key for this id in the meantime.
      const now = await this.clients.getClient(clientId);
      if (provenKey && now?.identityKey && !sameBytes(now.identityKey, provenKey)) throw pinnedElsewhere();
      throw error;
    }
    if (!known) await this.expireOpenRegistrations();
  }

  /** Open mode: every tenth of the cap in new registrations, forgets what the limits say to forget. */
  private async expireOpenRegistrations(): Promise<void> {
    const limits = this.openLimits;
    if (!limits) return;
    if (++this.registrationsSinceExpiry < Math.ceil(limits.maxClients / 10)) return;
    this.registrationsSinceExpiry = 0;
    await this.clients.expireClients({ seenBefore: Date.now() - limits.ttlMs, keep: limits.maxClients });
  }
}

function unauthorized(message: string): ProtocolError {
  return new ProtocolError(ErrorCode.Unauthorized, message);
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
