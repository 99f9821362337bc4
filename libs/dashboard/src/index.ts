export { createDashboard } from './create-dashboard';
export type { Dashboard, DashboardOptions } from './create-dashboard';
export { attachDashboardFeed } from './attach-dashboard-feed';
export type { DashboardSource } from './attach-dashboard-feed';
export { createDashboardHttpHandler } from './create-dashboard-http-handler';
export type { DashboardHttpHandler } from './create-dashboard-http-handler';
export { DashboardHistory } from './dashboard-history';
export type {
  DashboardClientEvents,
  DashboardCurrentRound,
  DashboardEvaluation,
  DashboardRunEnd,
  DashboardServerEvents,
  DashboardSnapshot,
} from './dashboard-events';
export { DASHBOARD_ROUTES, renderDashboardPage } from './render-dashboard-page';
