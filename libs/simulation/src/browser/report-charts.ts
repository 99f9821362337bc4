import type { ChartConfiguration } from 'chart.js';
import {
  type AxisOptions,
  BASE_CHART_OPTIONS,
  CHART_COLOURS,
  axis,
  barDataset,
  countAxis,
  lineDataset,
} from '@edgefl/dashboard/page-kit';
import type { ReportPoint, ReportSeries } from '../report-html-series';

/** A chart of report.html: the id of its canvas and its Chart.js configuration. */
export interface ReportChart {
  canvasId: string;
  config: ChartConfiguration<'line', ReportPoint[]> | ChartConfiguration<'bar', number[], number>;
}

/** Test accuracy (left axis) and loss (right axis) against `x`, a linear axis. */
function accuracyAndLoss(canvasId: string, x: string, accuracy: ReportPoint[], loss: ReportPoint[]): ReportChart {
  return {
    canvasId,
    config: {
      type: 'line',
      data: {
        datasets: [
          lineDataset('test accuracy (%)', CHART_COLOURS.accuracy, accuracy, 0.15, 'accuracy'),
          lineDataset('test loss', CHART_COLOURS.loss, loss, 0.15, 'loss'),
        ],
      },
      options: {
        ...BASE_CHART_OPTIONS,
        interaction: { mode: 'nearest', axis: 'x', intersect: false },
        scales: {
          x: axis(x, { type: 'linear', ...(x === 'round' ? { ticks: { precision: 0 } } : {}) }),
          accuracy: axis('accuracy (%)', { position: 'left', suggestedMin: 0, suggestedMax: 100 }),
          loss: axis('loss', { position: 'right', beginAtZero: true, grid: { drawOnChartArea: false } }),
        },
      },
    },
  };
}

/** Bars per round, side by side. */
function perRound(
  canvasId: string,
  rounds: number[],
  y: AxisOptions,
  datasets: ReturnType<typeof barDataset>[],
): ReportChart {
  return {
    canvasId,
    config: {
      type: 'bar',
      data: { labels: rounds, datasets },
      options: {
        ...BASE_CHART_OPTIONS,
        interaction: { mode: 'index', intersect: false },
        scales: { x: axis('round'), y },
      },
    },
  };
}

/**
 * The four charts of report.html from its series: accuracy and loss per round and per uploaded
 * MiB, KiB per round, clients per round.
 *
 * @example
 * for (const { canvasId, config } of reportCharts(series)) new Chart(document.getElementById(canvasId), config);
 */
export function reportCharts(series: ReportSeries): ReportChart[] {
  return [
    accuracyAndLoss('accuracy-round-chart', 'round', series.accuracyByRound, series.lossByRound),
    accuracyAndLoss('accuracy-bytes-chart', 'cumulative upload (MiB)', series.accuracyByMiBUp, series.lossByMiBUp),
    perRound('bytes-round-chart', series.rounds, countAxis('KiB'), [
      barDataset('up (KiB)', CHART_COLOURS.up, series.kibUpPerRound),
      barDataset('down (KiB)', CHART_COLOURS.down, series.kibDownPerRound),
    ]),
    // Side by side, not stacked: a late report counts both as a dropout and as a rejection.
    perRound('participation-chart', series.rounds, countAxis('clients'), [
      barDataset('reported', CHART_COLOURS.reported, series.participantsPerRound),
      barDataset('dropped', CHART_COLOURS.dropped, series.droppedPerRound),
      barDataset('rejected', CHART_COLOURS.rejected, series.rejectedPerRound),
    ]),
  ];
}
