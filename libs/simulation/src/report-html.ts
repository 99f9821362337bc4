import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { SimulationReport } from './simulation-report';
import { formatBytes } from '@edgefl/dashboard/page-kit';
import { reportPageScript } from './report-page-script';
import { toReportSeries } from './report-html-series';
import { REPORT_HTML_STYLE } from './report-html-style';
import { escapeHtml, jsonForScript } from '@edgefl/html-safety';

let chartJsSource: string | undefined;
// createRequire rather than a bare `require`, so the compiled ES module resolves the same way.
const requireHere = createRequire(__filename);

/**
 * `report.html`: one self-contained page (Chart.js and the data inlined, nothing fetched) with
 * accuracy and loss per round and per uploaded byte, traffic and participation per round, and
 * the run's configuration. Its content security policy forbids any network access.
 *
 * @example
 * writeFileSync(join(outDir, 'report.html'), renderReportHtml(report));
 */
export function renderReportHtml(report: SimulationReport): string {
  if (
    typeof report !== 'object' ||
    report === null ||
    !report.config ||
    !report.summary ||
    !Array.isArray(report.rounds)
  ) {
    throw new TypeError('report must be a SimulationReport (config, rounds, summary)');
  }
  const series = toReportSeries(report);
  const { summary, config } = report;
  const percent = (x: number | null): string => (x === null ? 'n/a' : `${(100 * x).toFixed(2)}%`);
  const abandoned = report.attempts.filter((a) => a.outcome === 'abandoned').length;
  const title = `EdgeFL simulation: ${config.clients} clients, ${summary.roundsCompleted} rounds`;
  const card = (label: string, value: string): string =>
    `<div class="card"><div class="label">${label}</div><div class="value">${escapeHtml(value)}</div></div>`;
  const chart = (id: string, heading: string): string =>
    `<section class="panel"><h2>${heading}</h2><div class="chart-box"><canvas id="${id}"></canvas></div></section>`;
  const configRows = Object.entries(config)
    .filter(([, value]) => value !== undefined)
    .map(
      ([key, value]) =>
        `<div><dt>${escapeHtml(key)}</dt><dd>${escapeHtml(Array.isArray(value) ? value.join(', ') : String(value))}</dd></div>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(title)}</title>
<style>${REPORT_HTML_STYLE}</style>
</head>
<body>
<main>
<header><h1>${escapeHtml(title)}</h1>
<p class="subtitle">${escapeHtml(`${config.datasetUsed} · ${config.partition} · ${report.modelParams.toLocaleString('en-US')} parameters · ${config.backends.join(', ') || 'n/a'}`)}</p></header>
<div class="cards">
${card('Final accuracy', percent(summary.finalAccuracy))}
${card('Initial accuracy', percent(report.initial.accuracy))}
${card('Rounds', `${summary.roundsCompleted}${abandoned > 0 ? ` (+${abandoned} abandoned)` : ''}`)}
${card('Uploaded', formatBytes(summary.totalBytesUp))}
${card('Downloaded', formatBytes(summary.totalBytesDown))}
${card('Wall time', `${(summary.wallTimeMs / 1000).toFixed(1)} s`)}
</div>
<div class="charts">
${chart('accuracy-round-chart', 'Test accuracy and loss per round')}
${chart('accuracy-bytes-chart', 'Test accuracy and loss per uploaded MiB')}
${chart('bytes-round-chart', 'Bytes per round')}
${chart('participation-chart', 'Clients per round')}
</div>
<section class="panel"><h2>Configuration</h2><dl id="config-table">
${configRows}
</dl></section>
</main>
<script type="application/json" id="report-series">${jsonForScript(series)}</script>
<script>${inlineScript(chartJs())}</script>
<script>${inlineScript(reportPageScript())}</script>
</body>
</html>
`;
}

function chartJs(): string {
  // chart.js's export map names only the CJS and ESM entries; its UMD build sits beside them.
  chartJsSource ??= readFileSync(join(dirname(requireHere.resolve('chart.js')), 'chart.umd.min.js'), 'utf8');
  return chartJsSource;
}

/** Script text that cannot close its `<script>` element early (`<\/` means the same in JS strings and regexes). */
function inlineScript(source: string): string {
  return source.replace(/<\/(script)/gi, '<\\/$1');
}
