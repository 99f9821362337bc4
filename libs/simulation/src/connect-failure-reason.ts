import { CoordinatorRejectedError, CoordinatorUnreachableError } from '@edgefl/client';

/**
 * Errors of this process, not of the coordinator: retrying cannot help while the simulation holds
 * its sockets, so a simulated client that meets one gives up at once (README, "Clients that cannot connect").
 */
export const LOCAL_RESOURCE_ERRORS: ReadonlySet<string> = new Set(['EMFILE', 'ENFILE', 'ENOBUFS', 'EADDRNOTAVAIL']);

/** The `code` of a system error (EMFILE, ECONNREFUSED...) anywhere in a socket.io / ws error chain. */
function systemErrorCode(error: unknown, depth = 0): string | undefined {
  if (typeof error !== 'object' || error === null || depth > 4) return undefined;
  const record = error as Record<string, unknown>;
  if (typeof record.code === 'string' && /^E[A-Z0-9]+$/.test(record.code)) return record.code;
  // socket.io-client: TransportError.description is ws' ErrorEvent, whose `error` is the system error.
  for (const key of ['lastError', 'description', 'error', 'cause', 'context']) {
    const code = systemErrorCode(record[key], depth + 1);
    if (code) return code;
  }
  return undefined;
}

/**
 * Why a simulated client could not connect, as a short key to count failures by: the system error
 * code (`EMFILE`, `ECONNREFUSED`...), `timeout`, `refused: <error code>` when the coordinator
 * answered `hello` with an error (`refused: server-busy`), else the error's message.
 *
 * @example
 * connectFailureReason(Object.assign(new Error('connect EMFILE'), { code: 'EMFILE' })); // 'EMFILE'
 */
export function connectFailureReason(error: unknown): string {
  if (error instanceof CoordinatorRejectedError) return `refused: ${error.code}`;
  const cause = error instanceof CoordinatorUnreachableError ? error.lastError : error;
  if (cause instanceof CoordinatorRejectedError) return `refused: ${cause.code}`;
  const code = systemErrorCode(cause);
  if (code) return code;
  const message = cause instanceof Error ? cause.message : String(cause);
  if (/timeout|timed out/i.test(message)) return 'timeout';
  return message.slice(0, 80);
}
