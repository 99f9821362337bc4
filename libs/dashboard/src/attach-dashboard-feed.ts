import type { Coordinator, CoordinatorEvents } from '@edgefl/coordinator';
import type { Namespace, Socket } from 'socket.io';
import type { DashboardClientEvents, DashboardServerEvents } from './dashboard-events';
import { DashboardHistory } from './dashboard-history';
import { LatestValueBatcher } from './latest-value-batcher';
import { DASHBOARD_ROUTES } from './render-dashboard-page';
import { tokenMatches } from './token-matches';

/** The part of a {@link Coordinator} the feed reads: its events, status and socket.io server. */
export type DashboardSource = Pick<Coordinator, 'on' | 'off' | 'status' | 'io'> &
  Partial<Pick<Coordinator, 'connections'>>;

/** How often viewers get a fresh status while someone watches (phases change between events). */
const STATUS_INTERVAL_MS = 1_000;
/** Client counts and rejection totals go out at most this often, coalesced to the newest value. */
export const DASHBOARD_BATCH_INTERVAL_MS = 500;
/** Default cap on simultaneous viewers. */
export const DEFAULT_MAX_SUBSCRIBERS = 64;

/**
 * Attaches the read-only `/dashboard` socket.io namespace to a coordinator: a `snapshot` on
 * connect, then every round, evaluation, client count and rejection as it happens. Returns a
 * function that detaches it.
 *
 * @example
 * const detach = attachDashboardFeed(coordinator, { adminToken: 's3cret' });
 */
export function attachDashboardFeed(
  source: DashboardSource,
  options: { adminToken?: string; historyLimit?: number; maxSubscribers?: number } = {},
): () => void {
  const { adminToken } = options;
  const maxSubscribers = options.maxSubscribers ?? DEFAULT_MAX_SUBSCRIBERS;
  const history = new DashboardHistory(options.historyLimit);
  // The coordinator's server is typed for the edge protocol; this namespace speaks the dashboard's own events.
  const namespace = source.io.of(DASHBOARD_ROUTES.namespace) as Namespace<DashboardClientEvents, DashboardServerEvents>;
  if (adminToken !== undefined) {
    namespace.use((socket, next) => {
      const auth: unknown = socket.handshake.auth;
      const token = typeof auth === 'object' && auth !== null ? (auth as { token?: unknown }).token : undefined;
      next(tokenMatches(token, adminToken) ? undefined : new Error('unauthorized'));
    });
  }
  // This node's viewers only: with socket.io's Redis adapter (coordinator nodes on one Redis) a plain
  // namespace.emit would reach every node's viewers, mixing the nodes' statuses and filling the stream.
  const local = namespace.local;
  // Checked after the token: a stranger learns nothing about how many viewers there are.
  namespace.use((_socket, next) => {
    next(
      namespace.sockets.size < maxSubscribers
        ? undefined
        : new Error(`too-many-subscribers: at most ${maxSubscribers} viewers`),
    );
  });
  const batcher = new LatestValueBatcher<
    'clients' | 'rejected',
    { connected: number } | { code: string; total: number }
  >(DASHBOARD_BATCH_INTERVAL_MS, (key, value) => local.emit(key, value as never));
  let timer: NodeJS.Timeout | undefined;
  const pushStatus = (): void => {
    local.emit('status', source.status());
  };
  const onConnection = (socket: Socket<DashboardClientEvents, DashboardServerEvents>): void => {
    // An accepted viewer no longer counts against the pre-enrollment caps (nor their timeout);
    // viewers send nothing, so one that does is closed.
    source.connections?.admit(socket.conn);
    socket.onAny(() => socket.disconnect(true));
    socket.emit('snapshot', history.snapshot(source.status()));
    if (!timer) {
      timer = setInterval(() => (namespace.sockets.size > 0 ? pushStatus() : stopTimer()), STATUS_INTERVAL_MS);
      timer.unref();
    }
  };
  const stopTimer = (): void => {
    clearInterval(timer);
    timer = undefined;
  };
  namespace.on('connection', onConnection);

  const onRoundStart = (info: CoordinatorEvents['round-start'][0]): void => {
    const round = { round: info.round, attempt: info.attempt, roundId: info.roundId, cohort: info.cohort };
    history.roundStarted(round);
    local.emit('round-start', round);
    pushStatus();
  };
  const onRoundEnd = (record: CoordinatorEvents['round-end'][0]): void => {
    history.roundEnded(record);
    local.emit('round-end', record);
    pushStatus();
  };
  const onEvaluation = (info: CoordinatorEvents['evaluation'][0]): void => {
    const evaluation = { modelVersion: info.modelVersion, accuracy: info.accuracy, loss: info.loss };
    history.evaluated(evaluation);
    local.emit('evaluation', evaluation);
  };
  const onClients = (info: { connected: number }): void => {
    batcher.set('clients', { connected: info.connected });
  };
  const onRejected = (info: CoordinatorEvents['rejected'][0]): void => {
    batcher.set('rejected', { code: info.code, total: history.rejected() });
  };
  const onRunEnd = (summary: CoordinatorEvents['run-end'][0]): void => {
    // The summary carries the final weights; viewers get only the outcome.
    const runEnd = {
      reason: summary.reason,
      modelVersion: summary.modelVersion,
      roundsCompleted: summary.roundsCompleted,
    };
    history.runEnded(runEnd);
    local.emit('run-end', runEnd);
    pushStatus();
  };
  const detachers: Array<() => void> = [];
  const listen = <K extends keyof CoordinatorEvents>(event: K, listener: Parameters<typeof source.on<K>>[1]) => {
    source.on(event, listener);
    detachers.push(() => source.off(event, listener));
  };
  listen('round-start', onRoundStart);
  listen('round-end', onRoundEnd);
  listen('evaluation', onEvaluation);
  listen('client-connected', onClients);
  listen('client-disconnected', onClients);
  listen('rejected', onRejected);
  listen('run-end', onRunEnd);
  return () => {
    for (const detach of detachers) detach();
    namespace.off('connection', onConnection);
    stopTimer();
    batcher.stop();
    namespace.disconnectSockets(true);
  };
}
