import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * One HTTP route of the coordinator's front: answers the request and returns true when it is
 * this route's, else returns false without touching the response. socket.io's own path never
 * reaches a route.
 *
 * @example
 * const route: HttpRoute = (request, response) => request.url === '/ping' && (response.end('pong'), true);
 */
export type HttpRoute = (request: IncomingMessage, response: ServerResponse) => boolean;

/** The path of a request without its query. */
export function requestPath(request: Pick<IncomingMessage, 'url'>): string {
  return (request.url ?? '/').split('?')[0];
}
