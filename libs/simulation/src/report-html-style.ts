/** report.html's stylesheet: a printable page of summary cards, charts and the configuration. */
export const REPORT_HTML_STYLE = `
:root { --ink: #0f172a; --muted: #64748b; --line: #e2e8f0; --panel: #fff; --page: #f8fafc; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--page); }
main { max-width: 1200px; margin: 0 auto; padding: 24px; display: grid; gap: 16px; }
h1 { margin: 0; font-size: 20px; }
.subtitle { color: var(--muted); margin: 2px 0 0; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); gap: 12px; }
.card, .panel { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; }
.card { padding: 12px 14px; }
.card .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
.card .value { font-size: 22px; font-weight: 600; font-variant-numeric: tabular-nums; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(440px, 1fr)); gap: 16px; }
.panel { padding: 12px 14px 14px; }
.panel h2 { margin: 0 0 8px; font-size: 13px; font-weight: 600; color: var(--muted); }
.chart-box { position: relative; height: 280px; }
dl { display: grid; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); column-gap: 24px; margin: 0; font-variant-numeric: tabular-nums; }
dl div { display: flex; justify-content: space-between; gap: 12px; padding: 5px 2px; border-bottom: 1px solid var(--line); }
dt { color: var(--muted); }
dd { margin: 0; text-align: right; overflow-wrap: anywhere; }
@media print { body { background: #fff; } .chart-box { height: 240px; } }
`;
