/**
 * The dashboard page's browser script, served as `/dashboard/app.js` (bundled by esbuild, see
 * browser-script.ts): reads its config from the page, draws Chart.js charts and applies the
 * `/dashboard` feed. Chart.js and socket.io-client are the page's other two scripts (globals
 * `Chart` and `io`). `window.__edgefl` holds the state it draws, so tests (and curious
 * operators) can read it.
 */
import type { Chart as ChartJs } from 'chart.js';
import type { Socket, io as socketIo } from 'socket.io-client';
import type { DashboardClientEvents, DashboardServerEvents } from '../dashboard-events';
import * as theme from './chart-theme';
import {
  applySnapshot,
  dashboardCards,
  dashboardSeries,
  dashboardTableRows,
  initialDashboardState,
  type DashboardState,
} from './dashboard-view';

declare const Chart: typeof ChartJs;
declare const io: typeof socketIo;
declare global {
  interface Window {
    __edgefl: DashboardState;
  }
}

const byId = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`the dashboard page has no #${id}`);
  return element as T;
};
const setText = (id: string, text: string): void => {
  byId(id).textContent = text;
};

const config = JSON.parse(byId('edgefl-config').textContent ?? '{}') as { namespace: string; token?: string };
let state = initialDashboardState();
window.__edgefl = state;
const update = (next: DashboardState): void => {
  state = next;
  window.__edgefl = state;
  draw();
};

theme.applyChartDefaults(Chart, getComputedStyle(document.body).fontFamily);
const common = { ...theme.BASE_CHART_OPTIONS, interaction: { mode: 'index', intersect: false } } as const;
const { axis, CHART_COLOURS: colours } = theme;
const canvas = (id: string): HTMLCanvasElement => byId<HTMLCanvasElement>(id);
const lineChart = (id: string, label: string, colour: string, y: theme.AxisOptions) =>
  new Chart(canvas(id), {
    type: 'line',
    data: { labels: [] as number[], datasets: [theme.lineDataset<number>(label, colour, [], 0.2)] },
    options: { ...common, scales: { x: axis('model version'), y } },
  });
// Bars of different stacks stand side by side: a late report is both a dropout and a rejection.
const barChart = (id: string, y: theme.AxisOptions, bars: Array<[label: string, colour: string]>) =>
  new Chart(canvas(id), {
    type: 'bar',
    data: {
      labels: [] as string[],
      datasets: bars.map(([label, colour]) => theme.barDataset(label, colour, [], label)),
    },
    options: { ...common, scales: { x: axis('round'), y } },
  });
const charts = {
  accuracy: lineChart(
    'accuracy-chart',
    'test accuracy (%)',
    colours.accuracy,
    axis('accuracy (%)', { suggestedMin: 0, suggestedMax: 100 }),
  ),
  loss: lineChart('loss-chart', 'test loss', colours.loss, axis('loss', { beginAtZero: true })),
  traffic: barChart('traffic-chart', axis('KiB', { beginAtZero: true }), [
    ['up (KiB)', colours.up],
    ['down (KiB)', colours.down],
  ]),
  participation: barChart('participation-chart', theme.countAxis('clients'), [
    ['reported', colours.reported],
    ['dropped', colours.dropped],
    ['rejected', colours.rejected],
  ]),
};

function drawCharts(): void {
  const series = dashboardSeries(state);
  charts.accuracy.data.labels = series.modelVersions;
  charts.accuracy.data.datasets[0].data = series.accuracyPercent;
  charts.loss.data.labels = series.modelVersions;
  charts.loss.data.datasets[0].data = series.loss;
  charts.traffic.data.labels = series.roundLabels;
  charts.traffic.data.datasets[0].data = series.kibUp;
  charts.traffic.data.datasets[1].data = series.kibDown;
  charts.participation.data.labels = series.roundLabels;
  charts.participation.data.datasets[0].data = series.participants;
  charts.participation.data.datasets[1].data = series.dropped;
  charts.participation.data.datasets[2].data = series.rejected;
  for (const chart of Object.values(charts)) chart.update('none');
  byId('accuracy-chart').dataset.points = String(series.modelVersions.length);
}

function drawCards(): void {
  const cards = dashboardCards(state);
  const roundCard = byId('round');
  roundCard.textContent = cards.roundText;
  roundCard.dataset.value = String(cards.round);
  setText('round-detail', cards.roundDetail);
  setText('phase', cards.phase);
  byId('phase').dataset.value = cards.phase;
  setText('clients', cards.clients);
  setText('model-version', cards.modelVersion);
  setText('accuracy', cards.accuracy);
  setText('accuracy-detail', cards.accuracyDetail);
  setText('dropped', cards.dropped);
  setText('rejected', cards.rejected);
  setText('epsilon', cards.epsilon);
  setText('run-id', cards.runId);
  const connection = byId('connection');
  connection.textContent = cards.connection;
  connection.dataset.state = cards.connection;
}

function drawTable(): void {
  const body = byId<HTMLTableElement>('rounds-table').tBodies[0];
  const rows = dashboardTableRows(state).map(({ outcome, cells }) => {
    const tr = document.createElement('tr');
    tr.className = outcome;
    for (const value of cells) {
      const td = document.createElement('td');
      td.textContent = value;
      tr.appendChild(td);
    }
    return tr;
  });
  body.replaceChildren(...rows);
}

let pending = false;
function draw(): void {
  if (pending) return;
  pending = true;
  requestAnimationFrame(() => {
    pending = false;
    drawCards();
    drawCharts();
    drawTable();
  });
}

const socket: Socket<DashboardServerEvents, DashboardClientEvents> = io(config.namespace, {
  auth: config.token ? { token: config.token } : {},
});
socket.on('connect', () => update({ ...state, connection: 'live' }));
socket.on('disconnect', () => update({ ...state, connection: 'disconnected' }));
socket.on('connect_error', (error) =>
  update({ ...state, connection: error && error.message === 'unauthorized' ? 'unauthorized' : 'reconnecting' }),
);
socket.on('snapshot', (snapshot) => update(applySnapshot(state, snapshot)));
socket.on('status', (status) => update({ ...state, status, clientsConnected: status.clientsConnected }));
socket.on('round-start', (round) => update({ ...state, current: round, runEnd: null }));
socket.on('round-end', (record) =>
  update({
    ...state,
    current: state.current && state.current.roundId === record.roundId ? null : state.current,
    rounds: [...state.rounds, record],
  }),
);
socket.on('evaluation', (evaluation) => update({ ...state, evaluations: [...state.evaluations, evaluation] }));
socket.on('clients', (info) => update({ ...state, clientsConnected: info.connected }));
socket.on('rejected', (info) => update({ ...state, rejectedTotal: info.total }));
socket.on('run-end', (info) => update({ ...state, runEnd: info, current: null }));
draw();
