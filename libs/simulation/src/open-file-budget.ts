import { readFileSync } from 'node:fs';

/** File descriptors the process needs besides the sockets: tfjs, workers, logs, the HTTP server. */
export const OPEN_FILE_HEADROOM = 256;

/** Thrown before any client starts when the simulation cannot open the sockets it needs. */
export class OpenFileLimitError extends Error {
  constructor(
    readonly needed: number,
    readonly limit: number,
  ) {
    super(
      `needs about ${needed} open files but the limit is ${limit} (ulimit -n): raise it (e.g. ulimit -n ${2 * needed}) ` +
        'or use fewer --clients',
    );
    this.name = 'OpenFileLimitError';
  }
}

/**
 * Open files a simulation of `clients` needs: one socket per client, twice when the coordinator is
 * embedded (this process then holds both ends of every loopback connection), plus headroom.
 *
 * @example
 * openFilesNeeded(10_000, true); // 20256
 */
export function openFilesNeeded(clients: number, embeddedCoordinator: boolean): number {
  return clients * (embeddedCoordinator ? 2 : 1) + OPEN_FILE_HEADROOM;
}

/** The soft open-file limit of this process (Linux `/proc/self/limits`), or undefined where it cannot be read. */
export function readOpenFileLimit(limitsText?: string): number | undefined {
  let text = limitsText;
  if (text === undefined) {
    try {
      text = readFileSync('/proc/self/limits', 'utf8');
    } catch {
      return undefined;
    }
  }
  const match = /^Max open files\s+(\d+|unlimited)\s/m.exec(text);
  if (!match) return undefined;
  return match[1] === 'unlimited' ? Number.POSITIVE_INFINITY : Number(match[1]);
}

/**
 * Refuses up front a simulation that would run out of file descriptors part-way through
 * connecting (it used to wait at round null forever with 9,984 of 10,000 clients connected).
 *
 * @example
 * assertOpenFileBudget(10_000, true, 20_000); // throws OpenFileLimitError
 */
export function assertOpenFileBudget(clients: number, embeddedCoordinator: boolean, limit = readOpenFileLimit()): void {
  const needed = openFilesNeeded(clients, embeddedCoordinator);
  if (limit !== undefined && needed > limit) throw new OpenFileLimitError(needed, limit);
}

/**
 * Whether the embedded coordinator needs a process of its own: both ends of every loopback socket
 * (plus headroom) would not fit this process's open-file limit.
 *
 * @example
 * coordinatorNeedsOwnProcess(10_000, 20_000); // true: 20,256 > 20,000
 */
export function coordinatorNeedsOwnProcess(clients: number, limit = readOpenFileLimit()): boolean {
  return limit !== undefined && openFilesNeeded(clients, true) > limit;
}

/**
 * Refuses up front a simulation with more clients than open files: not even the clients' own
 * socket ends fit. Below that the run goes ahead and clients that cannot connect are counted per
 * reason (EMFILE...): the run starts with those connected, or stops if they cannot make a round.
 *
 * @example
 * assertClientsFitOpenFileLimit(30_000, 20_000); // throws OpenFileLimitError
 */
export function assertClientsFitOpenFileLimit(clients: number, limit = readOpenFileLimit()): void {
  if (limit !== undefined && clients > limit) throw new OpenFileLimitError(openFilesNeeded(clients, false), limit);
}
