import type { IncomingMessage } from 'node:http';

/**
 * Whether a WebSocket or polling handshake may proceed, judged by its `Origin` header: requests
 * without one (native clients: Node, mobile, curl) pass; a browser page passes when it was served
 * by this coordinator (the origin's host is the request's `Host`) or its origin is listed in
 * `allowedOrigins` (`*` allows every origin). Anything else is refused, so a web page on another
 * origin cannot drive a local coordinator through its visitors' browsers.
 *
 * @example
 * originAllowed(request, ['https://lab.example.org']);
 */
export function originAllowed(request: Pick<IncomingMessage, 'headers'>, allowedOrigins: readonly string[]): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  if (allowedOrigins.includes('*') || allowedOrigins.includes(origin)) return true;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false;
  }
  return host.length > 0 && host === request.headers.host;
}
