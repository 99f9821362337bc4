import type { DemoPageConfig } from './demo-page-config';
import { DEMO_ROUTES } from './demo-routes';
import { escapeHtml, renderPageHead } from '@edgefl/html-safety';

const STYLE = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 0; background: #f6f7f9; color: #1d232b; }
header { padding: 12px 20px; background: #1d232b; color: #fff; display: flex; gap: 16px; align-items: baseline; }
h1 { font-size: 18px; margin: 0; }
main { padding: 16px 20px; max-width: 760px; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 6px 16px; background: #fff; padding: 14px 18px; border-radius: 6px; }
dt { color: #5b6675; }
dd { margin: 0; font-variant-numeric: tabular-nums; }
progress { width: 100%; height: 14px; }
#status[data-status="failed"], #errors li { color: #b3261e; }
#status[data-status="training"] { color: #8a5a00; }
#status[data-status="connected"], #status[data-status="waiting"] { color: #1b6e2b; }
p.note { color: #5b6675; }
`;

/**
 * The demo page's HTML: status fields filled in by `mountDemoPage` (from the SDK bundle) as the
 * client connects, trains and reports. Loads only same-origin scripts.
 *
 * @example
 * renderDemoPage({ config: { wasmPaths: '/demo/', examples: 64 } });
 */
export function renderDemoPage(options: { config: DemoPageConfig; title?: string }): string {
  if (typeof options !== 'object' || options === null) throw new TypeError('options must be an object with config');
  const { config, title = 'EdgeFL browser client' } = options;
  if (
    typeof config !== 'object' ||
    config === null ||
    typeof config.wasmPaths !== 'string' ||
    !Number.isInteger(config.examples)
  ) {
    throw new TypeError('options.config must be { wasmPaths: string, examples: integer }');
  }
  if (typeof title !== 'string') throw new TypeError('options.title must be a string');
  const field = (id: string, label: string): string => `<dt>${label}</dt><dd id="${id}">–</dd>`;
  return `${renderPageHead({ title, style: STYLE, configId: 'edgefl-demo-config', config })}<header><h1>${escapeHtml(title)}</h1><span id="status" data-status="starting">starting</span></header>
<main>
<dl>
${field('backend', 'Backend')}
${field('client-id', 'Client id')}
${field('round', 'Round')}
${field('rounds-participated', 'Updates accepted')}
${field('model-version', 'Model version')}
${field('loss', 'Training loss')}
${field('data', 'Local data')}
<dt>Round progress</dt><dd><progress id="progress" max="1" value="0"></progress></dd>
</dl>
<p class="note">This page trains a small model on examples generated in the browser and sends only the weight update to the coordinator.</p>
<ul id="errors"></ul>
</main>
<script src="${DEMO_ROUTES.bundle}"></script>
<script src="${DEMO_ROUTES.script}"></script>
</body>
</html>
`;
}
