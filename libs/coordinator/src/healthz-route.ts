import type { HttpRoute } from './http-route';
import { requestPath } from './http-route';

/**
 * `GET /healthz`: 200 `{"status":"ok"}` while the process serves; never needs a token.
 *
 * @example
 * front.addRoute(healthzRoute);
 */
export const healthzRoute: HttpRoute = (request, response) => {
  if (request.method !== 'GET' || requestPath(request) !== '/healthz') return false;
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ status: 'ok' }));
  return true;
};
