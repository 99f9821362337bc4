/** The dashboard's stylesheet: a light, quiet layout of stat cards over a grid of charts. */
export const DASHBOARD_PAGE_STYLE = `
:root { color-scheme: light; --ink: #0f172a; --muted: #64748b; --line: #e2e8f0; --panel: #ffffff; --page: #f1f5f9; --accent: #2563eb; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--page); }
header { display: flex; align-items: baseline; gap: 12px; padding: 16px 24px; background: var(--panel); border-bottom: 1px solid var(--line); }
header h1 { margin: 0; font-size: 18px; font-weight: 600; }
header .run { color: var(--muted); font-family: ui-monospace, monospace; font-size: 12px; }
#connection { margin-left: auto; padding: 2px 10px; border-radius: 999px; font-size: 12px; background: #e2e8f0; color: var(--muted); }
#connection[data-state="live"] { background: #dcfce7; color: #166534; }
#connection[data-state="unauthorized"], #connection[data-state="disconnected"] { background: #fee2e2; color: #991b1b; }
main { padding: 20px 24px; display: grid; gap: 16px; max-width: 1400px; margin: 0 auto; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 12px; }
.card, .panel { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; }
.card { padding: 12px 14px; }
.card .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
.card .value { font-size: 24px; font-weight: 600; font-variant-numeric: tabular-nums; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.card .detail { color: var(--muted); font-size: 12px; min-height: 1.2em; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 16px; }
.panel { padding: 12px 14px 14px; }
.panel h2 { margin: 0 0 8px; font-size: 13px; font-weight: 600; color: var(--muted); }
.chart-box { position: relative; height: 260px; }
table { width: 100%; border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { text-align: right; padding: 6px 8px; border-bottom: 1px solid var(--line); white-space: nowrap; }
th:nth-child(2), td:nth-child(2) { text-align: left; }
th { color: var(--muted); font-weight: 500; font-size: 12px; }
tr.abandoned td { color: #b45309; }
`;
