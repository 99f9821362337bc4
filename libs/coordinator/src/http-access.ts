import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Who may read the coordinator's own HTTP routes besides `/healthz`. */
export interface HttpAccess {
  /** Required by `/api/status` and `/metrics` when set. */
  adminToken?: string;
  /** Also accepted by `/metrics` (for a scraper that should not hold the admin token). */
  metricsToken?: string;
}

/** The routes {@link httpAccessAllowed} guards. */
export type GuardedRoute = 'status' | 'metrics';

/**
 * Whether `request` may read `route`: always when no admin token is configured; otherwise only
 * with `Authorization: Bearer <token>` (or `?token=`) holding the admin token, or for
 * `/metrics` the metrics token. Tokens are compared as SHA-256 digests in constant time.
 *
 * @example
 * if (!httpAccessAllowed(request, 'metrics', { adminToken, metricsToken })) answer401();
 */
export function httpAccessAllowed(
  request: Pick<IncomingMessage, 'url' | 'headers'>,
  route: GuardedRoute,
  access: HttpAccess,
): boolean {
  if (access.adminToken === undefined) return true;
  const presented = presentedToken(request);
  if (presented === undefined) return false;
  if (sameToken(presented, access.adminToken)) return true;
  return route === 'metrics' && access.metricsToken !== undefined && sameToken(presented, access.metricsToken);
}

function presentedToken(request: Pick<IncomingMessage, 'url' | 'headers'>): string | undefined {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (match) return match[1];
  return new URL(request.url ?? '/', 'http://localhost').searchParams.get('token') ?? undefined;
}

function sameToken(presented: string, expected: string): boolean {
  const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(presented), digest(expected));
}
