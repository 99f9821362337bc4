import { loadBrowserScript } from './browser-script';

/**
 * The dashboard page's browser script, served as `/dashboard/app.js`: browser/dashboard-page.ts
 * bundled by esbuild (at build time, or on first use when running from sources).
 *
 * @example
 * response.end(dashboardPageScript());
 */
export function dashboardPageScript(): string {
  return loadBrowserScript(__dirname, 'dashboard-page');
}
