/**
 * The dashboard page's browser script, served as `/dashboard/app.js`. Plain ES2020 with no build
 * step: it reads its config from the page, draws Chart.js charts and applies the `/dashboard`
 * feed. `window.__edgefl` holds the state it draws, so tests (and curious operators) can read it.
 */
export const DASHBOARD_PAGE_SCRIPT = String.raw`(() => {
  'use strict';
  const config = JSON.parse(document.getElementById('edgefl-config').textContent);
  const state = { status: null, current: null, rounds: [], evaluations: [], rejectedTotal: 0, clientsConnected: 0, runEnd: null, connection: 'connecting' };
  window.__edgefl = state;

  const byId = (id) => document.getElementById(id);
  const setText = (id, text) => { byId(id).textContent = text; };
  const kib = (bytes) => bytes / 1024;
  const formatBytes = (bytes) => bytes < 1024 ? bytes + ' B' : bytes < 1048576 ? (bytes / 1024).toFixed(1) + ' KiB' : (bytes / 1048576).toFixed(2) + ' MiB';
  const percent = (x) => (x === undefined || x === null) ? '–' : (100 * x).toFixed(2) + '%';
  const roundLabel = (r) => r.attempt > 1 ? r.round + '·' + r.attempt : String(r.round);

  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = '#475569';
  const common = { animation: false, responsive: true, maintainAspectRatio: false, interaction: { mode: 'index', intersect: false }, plugins: { legend: { position: 'bottom' } } };
  const axis = (title, extra) => Object.assign({ title: { display: true, text: title }, grid: { color: '#e2e8f0' } }, extra);
  const line = (label, color) => ({ label, data: [], borderColor: color, backgroundColor: color, pointRadius: 2, tension: 0.2 });
  const bar = (label, color, stack) => ({ label, data: [], backgroundColor: color, stack });

  const charts = {
    accuracy: new Chart(byId('accuracy-chart'), { type: 'line', data: { labels: [], datasets: [line('test accuracy (%)', '#2563eb')] },
      options: Object.assign({}, common, { scales: { x: axis('model version'), y: axis('accuracy (%)', { suggestedMin: 0, suggestedMax: 100 }) } }) }),
    loss: new Chart(byId('loss-chart'), { type: 'line', data: { labels: [], datasets: [line('test loss', '#dc2626')] },
      options: Object.assign({}, common, { scales: { x: axis('model version'), y: axis('loss', { beginAtZero: true }) } }) }),
    traffic: new Chart(byId('traffic-chart'), { type: 'bar', data: { labels: [], datasets: [bar('up (KiB)', '#0891b2', 'up'), bar('down (KiB)', '#7c3aed', 'down')] },
      options: Object.assign({}, common, { scales: { x: axis('round'), y: axis('KiB', { beginAtZero: true }) } }) }),
    participation: new Chart(byId('participation-chart'), { type: 'bar',
      // Side by side, not stacked: a late report is both a dropout and a rejection.
      data: { labels: [], datasets: [bar('reported', '#16a34a', 'reported'), bar('dropped', '#f59e0b', 'dropped'), bar('rejected', '#dc2626', 'rejected')] },
      options: Object.assign({}, common, { scales: { x: axis('round'), y: axis('clients', { beginAtZero: true, grace: '5%', ticks: { precision: 0 } }) } }) }),
  };

  function drawCharts() {
    const evaluations = state.evaluations;
    charts.accuracy.data.labels = evaluations.map((e) => e.modelVersion);
    charts.accuracy.data.datasets[0].data = evaluations.map((e) => 100 * e.accuracy);
    charts.loss.data.labels = evaluations.map((e) => e.modelVersion);
    charts.loss.data.datasets[0].data = evaluations.map((e) => e.loss);
    const rounds = state.rounds;
    charts.traffic.data.labels = rounds.map(roundLabel);
    charts.traffic.data.datasets[0].data = rounds.map((r) => kib(r.bytesUp));
    charts.traffic.data.datasets[1].data = rounds.map((r) => kib(r.bytesDown));
    charts.participation.data.labels = rounds.map(roundLabel);
    charts.participation.data.datasets[0].data = rounds.map((r) => r.participants);
    charts.participation.data.datasets[1].data = rounds.map((r) => r.dropped);
    charts.participation.data.datasets[2].data = rounds.map((r) => r.rejected);
    for (const chart of Object.values(charts)) chart.update('none');
    byId('accuracy-chart').dataset.points = String(evaluations.length);
  }

  function drawCards() {
    const status = state.status;
    const total = status ? status.rounds : 0;
    const completed = state.rounds.filter((r) => r.outcome === 'completed').length;
    const round = state.current ? state.current.round : status && status.round !== null ? status.round : completed;
    const roundCard = byId('round');
    roundCard.textContent = round + ' / ' + total;
    roundCard.dataset.value = String(round);
    setText('round-detail', state.current ? 'attempt ' + state.current.attempt + ', cohort ' + state.current.cohort : completed + ' completed');
    const phase = state.runEnd ? 'run ' + state.runEnd.reason : status ? status.stage : '–';
    setText('phase', phase);
    byId('phase').dataset.value = phase;
    setText('clients', String(state.clientsConnected));
    setText('model-version', status ? String(status.modelVersion) : '–');
    const last = state.evaluations[state.evaluations.length - 1];
    setText('accuracy', last ? percent(last.accuracy) : '–');
    setText('accuracy-detail', last ? 'loss ' + last.loss.toFixed(4) + ' at v' + last.modelVersion : 'no evaluation yet');
    setText('dropped', String(state.rounds.reduce((n, r) => n + r.dropped, 0)));
    setText('rejected', String(state.rejectedTotal));
    setText('epsilon', status && typeof status.epsilon === 'number' ? status.epsilon.toFixed(3) : 'no DP');
    setText('run-id', status ? status.runId : '');
    const connection = byId('connection');
    connection.textContent = state.connection;
    connection.dataset.state = state.connection;
  }

  function drawTable() {
    const body = byId('rounds-table').tBodies[0];
    const rows = state.rounds.slice(-12).reverse().map((r) => {
      const tr = document.createElement('tr');
      tr.className = r.outcome;
      const cells = [roundLabel(r), r.outcome + (r.reason ? ' (' + r.reason + ')' : ''), r.participants + '/' + r.selected, r.dropped, r.rejected,
        formatBytes(r.bytesUp), formatBytes(r.bytesDown), (r.durationMs / 1000).toFixed(1) + ' s', percent(r.accuracy)];
      for (const value of cells) {
        const td = document.createElement('td');
        td.textContent = String(value);
        tr.appendChild(td);
      }
      return tr;
    });
    body.replaceChildren(...rows);
  }

  let pending = false;
  function draw() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      drawCards();
      drawCharts();
      drawTable();
    });
  }

  const socket = io(config.namespace, { auth: config.token ? { token: config.token } : {} });
  socket.on('connect', () => { state.connection = 'live'; draw(); });
  socket.on('disconnect', () => { state.connection = 'disconnected'; draw(); });
  socket.on('connect_error', (error) => { state.connection = error && error.message === 'unauthorized' ? 'unauthorized' : 'reconnecting'; draw(); });
  socket.on('snapshot', (snapshot) => {
    Object.assign(state, { status: snapshot.status, current: snapshot.current, rounds: snapshot.rounds, evaluations: snapshot.evaluations,
      rejectedTotal: snapshot.rejectedTotal, clientsConnected: snapshot.clientsConnected, runEnd: snapshot.runEnd });
    draw();
  });
  socket.on('status', (status) => { state.status = status; state.clientsConnected = status.clientsConnected; draw(); });
  socket.on('round-start', (round) => { state.current = round; state.runEnd = null; draw(); });
  socket.on('round-end', (record) => {
    if (state.current && state.current.roundId === record.roundId) state.current = null;
    state.rounds.push(record);
    draw();
  });
  socket.on('evaluation', (evaluation) => { state.evaluations.push(evaluation); draw(); });
  socket.on('clients', (info) => { state.clientsConnected = info.connected; draw(); });
  socket.on('rejected', (info) => { state.rejectedTotal = info.total; draw(); });
  socket.on('run-end', (info) => { state.runEnd = info; state.current = null; draw(); });
  draw();
})();
`;
