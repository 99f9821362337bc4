import { DASHBOARD_PAGE_STYLE } from './dashboard-page-style';
import { escapeHtml, renderPageHead } from '@edgefl/html-safety';

/** Where the page finds its scripts and feed; served by {@link createDashboard}'s HTTP handler. */
export const DASHBOARD_ROUTES = {
  page: '/',
  pageAlias: '/dashboard',
  script: '/dashboard/app.js',
  chartJs: '/dashboard/chart.js',
  socketIo: '/dashboard/socket.io.js',
  namespace: '/dashboard',
} as const;

/**
 * The dashboard's HTML. `token` is the admin token the request already proved it holds; the page
 * hands it to the socket.io handshake.
 *
 * @example
 * const html = renderDashboardPage({ title: 'EdgeFL run' });
 */
export function renderDashboardPage(options: { title?: string; token?: string } = {}): string {
  if (options.token !== undefined && typeof options.token !== 'string')
    throw new TypeError('options.token must be a string');
  const title = options.title ?? 'EdgeFL coordinator';
  const config = { namespace: DASHBOARD_ROUTES.namespace, token: options.token ?? null };
  const card = (id: string, label: string, detailId?: string): string =>
    `<div class="card"><div class="label">${label}</div><div class="value" id="${id}">–</div><div class="detail"${detailId ? ` id="${detailId}"` : ''}></div></div>`;
  const chart = (id: string, heading: string): string =>
    `<section class="panel"><h2>${heading}</h2><div class="chart-box"><canvas id="${id}" data-points="0"></canvas></div></section>`;
  return `${renderPageHead({ title, style: DASHBOARD_PAGE_STYLE, configId: 'edgefl-config', config })}<header><h1>${escapeHtml(title)}</h1><span class="run" id="run-id"></span><span id="connection" data-state="connecting">connecting</span></header>
<main>
<div class="cards">
${card('round', 'Round', 'round-detail')}
${card('phase', 'Phase')}
${card('clients', 'Clients connected')}
${card('model-version', 'Model version')}
${card('accuracy', 'Test accuracy', 'accuracy-detail')}
${card('dropped', 'Dropouts')}
${card('rejected', 'Rejections')}
${card('epsilon', 'Privacy spent (epsilon)')}
</div>
<div class="charts">
${chart('accuracy-chart', 'Test accuracy per model version')}
${chart('loss-chart', 'Test loss per model version')}
${chart('traffic-chart', 'Bytes per round')}
${chart('participation-chart', 'Clients per round')}
</div>
<section class="panel"><h2>Recent rounds</h2>
<table id="rounds-table"><thead><tr><th>round</th><th>outcome</th><th>reported</th><th>dropped</th><th>rejected</th><th>up</th><th>down</th><th>time</th><th>accuracy</th></tr></thead><tbody></tbody></table>
</section>
</main>
<script src="${DASHBOARD_ROUTES.chartJs}"></script>
<script src="${DASHBOARD_ROUTES.socketIo}"></script>
<script src="${DASHBOARD_ROUTES.script}"></script>
</body>
</html>
`;
}
