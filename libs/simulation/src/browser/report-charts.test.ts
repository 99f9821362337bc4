import type { ReportSeries } from '../report-html-series';
import { reportCharts } from './report-charts';

const points = (...pairs: Array<[number, number]>) => pairs.map(([x, y]) => ({ x, y }));
const SERIES: ReportSeries = {
  accuracyByRound: points([0, 10], [1, 40]),
  lossByRound: points([0, 2.3], [1, 1.2]),
  accuracyByMiBUp: points([0, 10], [0.5, 40]),
  lossByMiBUp: points([0, 2.3], [0.5, 1.2]),
  rounds: [1],
  kibUpPerRound: [512],
  kibDownPerRound: [256],
  participantsPerRound: [3],
  droppedPerRound: [1],
  rejectedPerRound: [0],
};

describe('reportCharts', () => {
  it('draws the four charts of report.html on their canvases', () => {
    const charts = reportCharts(SERIES);
    expect(charts.map((chart) => [chart.canvasId, chart.config.type])).toEqual([
      ['accuracy-round-chart', 'line'],
      ['accuracy-bytes-chart', 'line'],
      ['bytes-round-chart', 'bar'],
      ['participation-chart', 'bar'],
    ]);
  });

  it('puts accuracy on the left axis and loss on the right, whole rounds on x only per round', () => {
    const [byRound, byBytes] = reportCharts(SERIES);
    const datasets = byRound.config.data.datasets;
    expect(datasets.map((dataset) => [dataset.label, dataset.yAxisID])).toEqual([
      ['test accuracy (%)', 'accuracy'],
      ['test loss', 'loss'],
    ]);
    expect(datasets[0].data).toBe(SERIES.accuracyByRound);
    const scales = byRound.config.options?.scales ?? {};
    expect(scales.accuracy).toMatchObject({ position: 'left', suggestedMin: 0, suggestedMax: 100 });
    expect(scales.loss).toMatchObject({ position: 'right', beginAtZero: true, grid: { drawOnChartArea: false } });
    expect(scales.x).toMatchObject({ type: 'linear', ticks: { precision: 0 } });
    expect(byBytes.config.options?.scales?.x).not.toHaveProperty('ticks');
  });

  it('puts the per-round bars side by side over the round labels', () => {
    const participation = reportCharts(SERIES)[3];
    expect(participation.config.data.labels).toEqual([1]);
    expect(participation.config.data.datasets.map((dataset) => [dataset.label, dataset.data])).toEqual([
      ['reported', [3]],
      ['dropped', [1]],
      ['rejected', [0]],
    ]);
    expect(participation.config.options?.scales?.y).toMatchObject({ beginAtZero: true, ticks: { precision: 0 } });
  });
});
