/**
 * What the EdgeFL browser pages share (the dashboard and report.html): byte formatting and the
 * Chart.js theme. Isomorphic: no DOM or Node API is touched on import.
 */
export { formatBytes } from './browser/format-bytes';
export * from './browser/chart-theme';
