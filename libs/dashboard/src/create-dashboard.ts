import { attachDashboardFeed } from './attach-dashboard-feed';
import type { DashboardSource } from './attach-dashboard-feed';
import { createDashboardHttpHandler } from './create-dashboard-http-handler';
import type { DashboardHttpHandler } from './create-dashboard-http-handler';

/** Options of {@link createDashboard}. */
export interface DashboardOptions {
  /** When set, the page and the feed are refused without this token. */
  adminToken?: string;
  /** The page title (default "EdgeFL coordinator"). */
  title?: string;
  /** Round attempts and evaluations kept for late viewers (default 10,000 each). */
  historyLimit?: number;
  /** Simultaneous viewers of the feed; more are refused (`too-many-subscribers`, default 64). */
  maxSubscribers?: number;
}

/** A dashboard attached to a coordinator. */
export interface Dashboard {
  /** Serves the page and its scripts; give it to `coordinator.addHttpHandler`. */
  httpHandler: DashboardHttpHandler;
  /** Detaches the feed: stops listening to the coordinator and disconnects viewers. */
  close(): void;
}

/**
 * A live, read-only dashboard for a coordinator: the `/dashboard` socket.io namespace on
 * `coordinator.io` plus an HTTP handler for the page at `/`.
 *
 * @example
 * const coordinator = new Coordinator({ config });
 * coordinator.addHttpHandler(createDashboard(coordinator, { adminToken: process.env.EDGEFL_ADMIN_TOKEN }).httpHandler);
 */
export function createDashboard(coordinator: DashboardSource, options: DashboardOptions = {}): Dashboard {
  if (
    typeof coordinator !== 'object' ||
    coordinator === null ||
    typeof coordinator.on !== 'function' ||
    typeof coordinator.status !== 'function' ||
    !coordinator.io
  ) {
    throw new TypeError('coordinator must be a Coordinator (events, status() and io)');
  }
  if (typeof options !== 'object' || options === null) throw new TypeError('options must be an object');
  const { adminToken, title, historyLimit, maxSubscribers } = options;
  if (adminToken !== undefined && (typeof adminToken !== 'string' || adminToken.length === 0)) {
    throw new TypeError('options.adminToken must be a non-empty string');
  }
  if (title !== undefined && typeof title !== 'string') throw new TypeError('options.title must be a string');
  if (historyLimit !== undefined && (!Number.isInteger(historyLimit) || historyLimit < 1)) {
    throw new RangeError(`options.historyLimit must be a positive integer, got ${historyLimit}`);
  }
  if (maxSubscribers !== undefined && (!Number.isInteger(maxSubscribers) || maxSubscribers < 1)) {
    throw new RangeError(`options.maxSubscribers must be a positive integer, got ${maxSubscribers}`);
  }
  const close = attachDashboardFeed(coordinator, { adminToken, historyLimit, maxSubscribers });
  return { httpHandler: createDashboardHttpHandler({ adminToken, title }), close };
}
