import type { Chart as ChartJs, ChartDataset, ScaleOptions } from 'chart.js';

/** The options of an x/y axis of the pages' line and bar charts (Chart.js's linear-scale options). */
export type AxisOptions = ScaleOptions<'linear'>;

/**
 * The look both EdgeFL pages give Chart.js (the dashboard and report.html): colours, the font of
 * the page, legends at the bottom, no animation, and the axis and dataset shapes they share.
 */
export const CHART_COLOURS = {
  text: '#475569',
  grid: '#e2e8f0',
  accuracy: '#2563eb',
  loss: '#dc2626',
  up: '#0891b2',
  down: '#7c3aed',
  reported: '#16a34a',
  dropped: '#f59e0b',
  rejected: '#dc2626',
} as const;

/** Options every chart of the pages starts from. */
export const BASE_CHART_OPTIONS = {
  animation: false,
  responsive: true,
  maintainAspectRatio: false,
  plugins: { legend: { position: 'bottom' } },
} as const;

/**
 * Sets Chart.js's global defaults: the page's font and the text colour.
 *
 * @example
 * applyChartDefaults(Chart, getComputedStyle(document.body).fontFamily);
 */
export function applyChartDefaults(chart: Pick<typeof ChartJs, 'defaults'>, fontFamily: string): void {
  chart.defaults.font.family = fontFamily;
  chart.defaults.color = CHART_COLOURS.text;
}

/**
 * A titled axis on the pages' grid colour; `extra` adds to it (or replaces `grid`).
 *
 * @example
 * axis('accuracy (%)', { suggestedMin: 0, suggestedMax: 100 });
 */
export function axis(title: string, extra: AxisOptions = {}): AxisOptions {
  return { title: { display: true, text: title }, grid: { color: CHART_COLOURS.grid }, ...extra };
}

/** A y axis of whole counts from zero, with 5% head room: clients per round. */
export function countAxis(title: string): AxisOptions {
  return axis(title, { beginAtZero: true, grace: '5%', ticks: { precision: 0 } });
}

/** A line of small points in one colour; `tension` smooths it. */
export function lineDataset<D>(
  label: string,
  colour: string,
  data: D[],
  tension: number,
  yAxisID?: string,
): ChartDataset<'line', D[]> {
  return {
    label,
    data,
    borderColor: colour,
    backgroundColor: colour,
    pointRadius: 2,
    tension,
    ...(yAxisID === undefined ? {} : { yAxisID }),
  };
}

/** Bars in one colour; bars of different `stack`s stand side by side. */
export function barDataset(
  label: string,
  colour: string,
  data: number[],
  stack?: string,
): ChartDataset<'bar', number[]> {
  return { label, data, backgroundColor: colour, ...(stack === undefined ? {} : { stack }) };
}
