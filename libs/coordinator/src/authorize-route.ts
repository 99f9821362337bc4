import type { IncomingMessage, ServerResponse } from 'node:http';
import { httpAccessAllowed } from './http-access';
import type { GuardedRoute, HttpAccess } from './http-access';

/**
 * Answers 401 (with a `WWW-Authenticate: Bearer` challenge) and returns false when `route` needs
 * a token the request lacks ({@link httpAccessAllowed}); returns true otherwise.
 *
 * @example
 * if (!authorizeRoute(request, response, 'status', access)) return true; // answered 401
 */
export function authorizeRoute(
  request: IncomingMessage,
  response: ServerResponse,
  route: GuardedRoute,
  access: HttpAccess,
): boolean {
  if (httpAccessAllowed(request, route, access)) return true;
  response.writeHead(401, {
    'content-type': 'application/json',
    'www-authenticate': 'Bearer realm="edgefl"',
    'cache-control': 'no-store',
  });
  response.end(JSON.stringify({ error: 'unauthorized: send Authorization: Bearer <admin token>' }));
  return false;
}
