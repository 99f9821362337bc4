import { authorizeRoute } from './authorize-route';
import type { CoordinatorStatus } from './coordinator-events';
import type { HttpAccess } from './http-access';
import type { HttpRoute } from './http-route';
import { requestPath } from './http-route';

/**
 * `GET /api/status`: the coordinator's {@link CoordinatorStatus} as JSON; with an admin token
 * configured it needs that token.
 *
 * @example
 * front.addRoute(createStatusRoute(() => coordinator.status(), { adminToken }));
 */
export function createStatusRoute(status: () => CoordinatorStatus, access: HttpAccess): HttpRoute {
  return (request, response) => {
    if (request.method !== 'GET' || requestPath(request) !== '/api/status') return false;
    if (!authorizeRoute(request, response, 'status', access)) return true;
    response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    response.end(JSON.stringify(status()));
    return true;
  };
}
