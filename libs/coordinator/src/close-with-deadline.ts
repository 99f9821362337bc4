import type { Server as HttpServer } from 'node:http';
import type { Server as HttpsServer } from 'node:https';

/**
 * Waits for `closed` (a server's close callback, which waits for every open connection) for at
 * most `deadlineMs`, then destroys the connections still open: keep-alive sockets, half-sent
 * requests (slowloris), stalled uploads. Idle keep-alive sockets are closed at once.
 *
 * @example
 * const closed = new Promise<void>((done) => io.close(() => done()));
 * const how = await closeWithDeadline(http, closed, 5_000); // 'graceful' | 'forced'
 */
export async function closeWithDeadline(
  server: HttpServer | HttpsServer,
  closed: Promise<void>,
  deadlineMs: number,
): Promise<'graceful' | 'forced'> {
  server.closeIdleConnections();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'forced'>((done) => {
    timer = setTimeout(() => done('forced'), deadlineMs);
  });
  const outcome = await Promise.race([closed.then(() => 'graceful' as const), deadline]);
  clearTimeout(timer);
  if (outcome === 'forced') {
    server.closeAllConnections();
    await closed;
  }
  return outcome;
}
