/**
 * report.html's drawing script (bundled by esbuild and inlined, see report-html.ts): reads the
 * series from the `report-series` JSON block and draws them with the inlined Chart.js (global
 * `Chart`). Sets `data-rendered` on the body when done.
 */
import type { Chart as ChartJs } from 'chart.js';
import { applyChartDefaults } from '@edgefl/dashboard/page-kit';
import type { ReportSeries } from '../report-html-series';
import { reportCharts } from './report-charts';

declare const Chart: typeof ChartJs;

const block = document.getElementById('report-series');
if (block === null) throw new Error('report.html has no #report-series block');
const series = JSON.parse(block.textContent ?? '') as ReportSeries;
applyChartDefaults(Chart, getComputedStyle(document.body).fontFamily);
for (const { canvasId, config } of reportCharts(series)) {
  const canvas = document.getElementById(canvasId);
  if (!(canvas instanceof HTMLCanvasElement)) throw new Error(`report.html has no canvas #${canvasId}`);
  // Two calls, so each narrows the configuration to its chart type.
  if (config.type === 'line') new Chart(canvas, config);
  else new Chart(canvas, config);
}
document.body.dataset.rendered = 'true';
