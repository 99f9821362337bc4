import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { EnrollmentMode } from './enrollment-mode';

/**
 * Who may download the global model over HTTP (`/api/model/...`):
 * - `public`: anyone who can reach the coordinator;
 * - `token`: requests presenting one of `tokens` as `Authorization: Bearer <token>` or `?token=`.
 */
export type ModelAccess = { kind: 'public' } | { kind: 'token'; tokens: readonly string[] };

/**
 * The model access that follows the coordinator's enrollment settings: whoever may join a run
 * receives the global weights in every task anyway, so the same people may download them.
 * - `open` enrollment: public;
 * - `token` enrollment: the enrollment token, or the admin token;
 * - `allowlist` enrollment: the admin token only (nobody when there is none).
 *
 * @example
 * resolveModelAccess({ mode: 'token', token: 'join-me' }, 'admin-secret'); // { kind: 'token', tokens: ['join-me', 'admin-secret'] }
 */
export function resolveModelAccess(enrollment: EnrollmentMode = { mode: 'open' }, adminToken?: string): ModelAccess {
  const admin = adminToken === undefined || adminToken === '' ? [] : [adminToken];
  switch (enrollment.mode) {
    case 'open':
      return { kind: 'public' };
    case 'token':
      return { kind: 'token', tokens: [enrollment.token, ...admin] };
    case 'allowlist':
      return { kind: 'token', tokens: admin };
    default: {
      const unknown: never = enrollment;
      throw new TypeError(
        `enrollment.mode must be open, token or allowlist, got ${String((unknown as { mode: unknown }).mode)}`,
      );
    }
  }
}

/**
 * Adds a fresh random token (32 bytes, base64url) to a non-public `access`: the coordinator hands it
 * to every client it welcomes (`welcome.modelToken`), so that enrolled devices can download the
 * model in every enrollment mode. It lives as long as the coordinator process.
 *
 * @example
 * const { access, sessionToken } = withSessionToken({ kind: 'token', tokens: [] });
 */
export function withSessionToken(access: ModelAccess): { access: ModelAccess; sessionToken?: string } {
  if (access.kind === 'public') return { access };
  const sessionToken = randomBytes(32).toString('base64url');
  return { access: { kind: 'token', tokens: [...access.tokens, sessionToken] }, sessionToken };
}

/**
 * The token a request presents: `Authorization: Bearer <token>`, else `?token=` in the URL (for
 * pages that cannot set headers; tfjs' loader carries the query over to the weight files).
 *
 * @example
 * requestBearerToken({ url: '/api/model/model.json', headers: { authorization: 'Bearer s3cret' } }); // 's3cret'
 */
export function requestBearerToken(request: Pick<IncomingMessage, 'url' | 'headers'>): string | undefined {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (match) return match[1];
  return new URL(request.url ?? '/', 'http://localhost').searchParams.get('token') ?? undefined;
}

/**
 * Whether `access` lets `request` read the model. Tokens are compared in constant time, both
 * sides hashed first so that neither the time nor the lengths leak them.
 *
 * @example
 * modelAccessAllows({ kind: 'public' }, request); // true
 */
export function modelAccessAllows(access: ModelAccess, request: Pick<IncomingMessage, 'url' | 'headers'>): boolean {
  if (access.kind === 'public') return true;
  const presented = requestBearerToken(request);
  if (presented === undefined) return false;
  const digest = sha256(presented);
  let allowed = false;
  // Every token is compared, so the time does not tell which one matched.
  for (const token of access.tokens) allowed = timingSafeEqual(digest, sha256(token)) || allowed;
  return allowed;
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
