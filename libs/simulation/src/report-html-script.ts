/**
 * report.html's drawing script: reads the series from the `report-series` JSON block and draws
 * them with the inlined Chart.js. Plain ES2020, no build step.
 */
export const REPORT_HTML_SCRIPT = String.raw`(() => {
  'use strict';
  const series = JSON.parse(document.getElementById('report-series').textContent);
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = '#475569';
  const grid = { color: '#e2e8f0' };
  const axis = (title, extra) => Object.assign({ title: { display: true, text: title }, grid }, extra);
  const base = { animation: false, responsive: true, maintainAspectRatio: false, plugins: { legend: { position: 'bottom' } } };
  const xy = (label, points, color, yAxisID) => ({ label, data: points, borderColor: color, backgroundColor: color, pointRadius: 2, tension: 0.15, yAxisID });
  const linePair = (id, x, accuracy, loss) => new Chart(document.getElementById(id), {
    type: 'line',
    data: { datasets: [xy('test accuracy (%)', accuracy, '#2563eb', 'accuracy'), xy('test loss', loss, '#dc2626', 'loss')] },
    options: Object.assign({}, base, {
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      scales: {
        x: axis(x, { type: 'linear', ticks: { precision: x === 'round' ? 0 : undefined } }),
        accuracy: axis('accuracy (%)', { position: 'left', suggestedMin: 0, suggestedMax: 100 }),
        loss: axis('loss', { position: 'right', beginAtZero: true, grid: { drawOnChartArea: false } }),
      },
    }),
  });
  linePair('accuracy-round-chart', 'round', series.accuracyByRound, series.lossByRound);
  linePair('accuracy-bytes-chart', 'cumulative upload (MiB)', series.accuracyByMiBUp, series.lossByMiBUp);
  const bars = (id, title, datasets) => new Chart(document.getElementById(id), {
    type: 'bar',
    data: { labels: series.rounds, datasets },
    options: Object.assign({}, base, { interaction: { mode: 'index', intersect: false },
      scales: { x: axis('round'), y: axis(title, { beginAtZero: true, grace: '5%', ticks: { precision: 0 } }) } }),
  });
  bars('bytes-round-chart', 'KiB', [
    { label: 'up (KiB)', data: series.kibUpPerRound, backgroundColor: '#0891b2' },
    { label: 'down (KiB)', data: series.kibDownPerRound, backgroundColor: '#7c3aed' },
  ]);
  // Side by side, not stacked: a late report counts both as a dropout and as a rejection.
  bars('participation-chart', 'clients', [
    { label: 'reported', data: series.participantsPerRound, backgroundColor: '#16a34a' },
    { label: 'dropped', data: series.droppedPerRound, backgroundColor: '#f59e0b' },
    { label: 'rejected', data: series.rejectedPerRound, backgroundColor: '#dc2626' },
  ]);
  document.body.dataset.rendered = 'true';
})();
`;
