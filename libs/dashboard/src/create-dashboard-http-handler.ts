import type { IncomingMessage, ServerResponse } from 'node:http';
import { chartJsAsset, socketIoClientAsset } from './dashboard-assets';
import type { DashboardAsset } from './dashboard-assets';
import { dashboardPageScript } from './dashboard-page-script';
import { DASHBOARD_ROUTES, renderDashboardPage } from './render-dashboard-page';
import { requestToken } from './request-token';
import { tokenMatches } from './token-matches';

/** An HTTP route in the coordinator's `httpHandlers` shape: true when it answered the request. */
export type DashboardHttpHandler = (request: IncomingMessage, response: ServerResponse) => boolean;

// The page loads only its own scripts and talks only to its own origin; styles are inline.
const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
};

/**
 * Serves the dashboard page (`GET /` and `/dashboard`) and its scripts. With `adminToken` the page
 * answers 401 unless the request carries `?token=` or `Authorization: Bearer`; the scripts are
 * public library code and need no token.
 *
 * @example
 * const handler = createDashboardHttpHandler({ adminToken: process.env.EDGEFL_ADMIN_TOKEN });
 * new Coordinator({ httpHandlers: [handler] });
 */
export function createDashboardHttpHandler(
  options: { adminToken?: string; title?: string } = {},
): DashboardHttpHandler {
  const { adminToken, title } = options;
  const script: DashboardAsset = {
    contentType: 'text/javascript; charset=utf-8',
    body: Buffer.from(dashboardPageScript(), 'utf8'),
  };
  const assets = new Map<string, () => DashboardAsset>([
    [DASHBOARD_ROUTES.script, () => script],
    [DASHBOARD_ROUTES.chartJs, chartJsAsset],
    [DASHBOARD_ROUTES.socketIo, socketIoClientAsset],
  ]);
  return (request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return false;
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    const asset = assets.get(pathname);
    if (asset) {
      const { contentType, body } = asset();
      response.writeHead(200, {
        'content-type': contentType,
        'content-length': body.length,
        'cache-control': 'public, max-age=3600',
        'x-content-type-options': 'nosniff',
      });
      response.end(request.method === 'HEAD' ? undefined : body);
      return true;
    }
    if (pathname !== DASHBOARD_ROUTES.page && pathname !== DASHBOARD_ROUTES.pageAlias) return false;
    const token = requestToken(request);
    if (adminToken !== undefined && !tokenMatches(token, adminToken)) {
      response.writeHead(401, {
        'content-type': 'text/plain; charset=utf-8',
        'www-authenticate': 'Bearer realm="edgefl-dashboard"',
        'cache-control': 'no-store',
      });
      response.end('unauthorized: open the dashboard with ?token=<admin token> or an Authorization: Bearer header\n');
      return true;
    }
    const body = Buffer.from(
      renderDashboardPage({ title, token: adminToken === undefined ? undefined : token }),
      'utf8',
    );
    response.writeHead(200, { ...PAGE_HEADERS, 'content-length': body.length });
    response.end(request.method === 'HEAD' ? undefined : body);
    return true;
  };
}
