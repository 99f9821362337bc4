import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import type { RoundRecord } from '@edgefl/coordinator-store';
import type { DashboardClientEvents, DashboardServerEvents } from '@edgefl/dashboard';

/** What a simulation learns of a coordinator it did not start: the round log and evaluations. */
export interface RemoteCoordinatorObserver {
  /** Attempts seen so far, oldest first (abandoned ones included). */
  readonly attempts: RoundRecord[];
  /** The evaluation of the initial model, when the coordinator evaluates. */
  readonly initial: { accuracy: number; loss: number } | undefined;
  /** Resolves when the feed reports the run's end (its last round-end comes before it), or the coordinator is gone (the feed closed or cannot connect). */
  readonly ended: Promise<void>;
  close(): void;
}

/**
 * Follows a running coordinator through its read-only `/dashboard` feed, so a simulation
 * against `--coordinator URL` still reports accuracy and bytes per round. `onRecord` sees each
 * attempt once, as it ends.
 *
 * @example
 * const observer = observeRemoteCoordinator('http://127.0.0.1:7070', { onRecord: console.log });
 */
export function observeRemoteCoordinator(
  url: string,
  options: {
    adminToken?: string;
    onRecord?: (record: RoundRecord) => void;
    onInitial?: (evaluation: { accuracy: number; loss: number }) => void;
  } = {},
): RemoteCoordinatorObserver {
  const socket: Socket<DashboardServerEvents, DashboardClientEvents> = io(`${url.replace(/\/$/, '')}/dashboard`, {
    transports: ['websocket'],
    auth: options.adminToken ? { token: options.adminToken } : {},
  });
  const seen = new Set<string>();
  let markEnded: () => void = () => undefined;
  const observer: {
    attempts: RoundRecord[];
    initial: { accuracy: number; loss: number } | undefined;
    ended: Promise<void>;
    close(): void;
  } = {
    attempts: [],
    initial: undefined,
    ended: new Promise<void>((resolve) => {
      markEnded = resolve;
    }),
    close: () => socket.disconnect(),
  };
  const record = (entry: RoundRecord): void => {
    if (seen.has(entry.roundId)) return;
    seen.add(entry.roundId);
    observer.attempts.push(entry);
    options.onRecord?.(entry);
  };
  const evaluation = (entry: { modelVersion: number; accuracy: number; loss: number }): void => {
    if (entry.modelVersion !== 0 || observer.initial) return;
    observer.initial = { accuracy: entry.accuracy, loss: entry.loss };
    options.onInitial?.(observer.initial);
  };
  socket.on('snapshot', (snapshot) => {
    snapshot.evaluations.forEach(evaluation);
    snapshot.rounds.forEach(record);
    if (snapshot.runEnd) markEnded();
  });
  socket.on('run-end', () => markEnded());
  // A coordinator that is gone (closed, or never reachable) has ended the run for its clients too,
  // whether or not the feed said so; the simulation then stops its clients after a grace period.
  socket.on('disconnect', (reason) => {
    if (reason === 'io server disconnect' || reason === 'transport close') markEnded();
  });
  socket.on('connect_error', () => markEnded());
  socket.on('round-end', record);
  socket.on('evaluation', evaluation);
  return observer;
}
