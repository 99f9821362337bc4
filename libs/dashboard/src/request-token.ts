import type { IncomingMessage } from 'node:http';

/**
 * The admin token a request presents: `?token=` in the URL, else an `Authorization: Bearer` header.
 *
 * @example
 * requestToken({ url: '/?token=s3cret', headers: {} } as IncomingMessage); // 's3cret'
 */
export function requestToken(request: Pick<IncomingMessage, 'url' | 'headers'>): string | undefined {
  const fromQuery = new URL(request.url ?? '/', 'http://localhost').searchParams.get('token');
  if (fromQuery) return fromQuery;
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match ? match[1] : undefined;
}
