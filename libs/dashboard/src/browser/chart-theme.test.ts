import {
  BASE_CHART_OPTIONS,
  CHART_COLOURS,
  applyChartDefaults,
  axis,
  barDataset,
  countAxis,
  lineDataset,
} from './chart-theme';

describe('chart theme', () => {
  it("sets Chart.js's font and text colour", () => {
    const chart = { defaults: { font: { family: 'serif' }, color: 'black' } };
    applyChartDefaults(chart as never, 'Inter, sans-serif');
    expect(chart.defaults).toEqual({ font: { family: 'Inter, sans-serif' }, color: CHART_COLOURS.text });
  });

  it('titles axes on the grid colour and lets extra options replace the grid', () => {
    expect(axis('round')).toEqual({ title: { display: true, text: 'round' }, grid: { color: '#e2e8f0' } });
    expect(axis('loss', { position: 'right', grid: { drawOnChartArea: false } })).toEqual({
      title: { display: true, text: 'loss' },
      grid: { drawOnChartArea: false },
      position: 'right',
    });
    expect(countAxis('clients')).toMatchObject({ beginAtZero: true, grace: '5%', ticks: { precision: 0 } });
  });

  it('builds line and bar datasets in one colour', () => {
    expect(lineDataset('loss', '#dc2626', [1, 2], 0.2)).toEqual({
      label: 'loss',
      data: [1, 2],
      borderColor: '#dc2626',
      backgroundColor: '#dc2626',
      pointRadius: 2,
      tension: 0.2,
    });
    expect(lineDataset('acc', '#2563eb', [], 0.15, 'accuracy').yAxisID).toBe('accuracy');
    expect(barDataset('up', '#0891b2', [3], 'up')).toEqual({
      label: 'up',
      data: [3],
      backgroundColor: '#0891b2',
      stack: 'up',
    });
    expect(barDataset('up', '#0891b2', [3])).not.toHaveProperty('stack');
  });

  it('starts every chart without animation, legend at the bottom', () => {
    expect(BASE_CHART_OPTIONS).toMatchObject({ animation: false, plugins: { legend: { position: 'bottom' } } });
  });
});
