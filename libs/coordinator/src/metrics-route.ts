import { authorizeRoute } from './authorize-route';
import type { CoordinatorLogger } from './coordinator-logger';
import type { CoordinatorMetrics } from './coordinator-metrics';
import type { HttpAccess } from './http-access';
import type { HttpRoute } from './http-route';
import { requestPath } from './http-route';

/**
 * `GET /metrics`: the Prometheus text of `metrics`; with an admin token configured it needs that
 * token or the metrics token.
 *
 * @example
 * front.addRoute(createMetricsRoute(metrics, { adminToken }, logger));
 */
export function createMetricsRoute(
  metrics: Pick<CoordinatorMetrics, 'render' | 'contentType'>,
  access: HttpAccess,
  logger: CoordinatorLogger,
): HttpRoute {
  return (request, response) => {
    if (request.method !== 'GET' || requestPath(request) !== '/metrics') return false;
    if (!authorizeRoute(request, response, 'metrics', access)) return true;
    metrics.render().then(
      (body) => {
        response.writeHead(200, { 'content-type': metrics.contentType, 'cache-control': 'no-store' });
        response.end(body);
      },
      (error: unknown) => {
        logger.error({ err: String(error) }, 'metrics failed');
        response.writeHead(500, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: 'metrics failed' }));
      },
    );
    return true;
  };
}
