import { generateIdentity } from '@edgefl/client';
import type { ClientIdentity } from '@edgefl/client';
import type { DemoClientState } from './demo-client-state';
import type { DemoPageConfig } from './demo-page-config';
import { startDemoClient } from './start-demo-client';
import type { DemoClient } from './start-demo-client';

const CLIENT_ID_KEY = 'edgefl-demo-client-id';
/** The tab's identity seed: the coordinator binds the client id to the key, so both are kept together. */
const IDENTITY_SEED_KEY = 'edgefl-demo-identity-seed';

/** The page's state as tests and curious users read it: `window.__edgefl_demo`. */
declare global {
  interface Window {
    __edgefl_demo?: DemoClientState;
  }
}

/**
 * Runs the demo on a page rendered by `renderDemoPage`: reads its config, picks the seed
 * (`?seed=` or random), reuses the tab's client id and identity key across reloads (a demo keeps
 * the key's seed in sessionStorage; a real app keeps it in secure storage), starts the client against
 * the page's own origin and keeps the status fields and `window.__edgefl_demo` current.
 *
 * @example
 * // /demo/app.js
 * window.EdgeFL.mountDemoPage(document);
 */
export function mountDemoPage(doc: Document): Promise<DemoClient> {
  if (typeof doc !== 'object' || doc === null || typeof doc.getElementById !== 'function')
    throw new TypeError('doc must be a Document');
  const view = doc.defaultView;
  if (!view) throw new TypeError('doc must belong to a window');
  const config = readConfig(doc);
  const storage = sessionStorageOf(view);
  const render = (state: DemoClientState): void => {
    view.__edgefl_demo = state;
    renderState(doc, state);
    if (state.clientId) storage?.setItem(CLIENT_ID_KEY, state.clientId);
  };
  const started = startDemoClient({
    url: view.location.origin,
    wasmPaths: new URL(config.wasmPaths, view.location.href).href,
    examples: config.examples,
    seed: seedFor(view),
    clientId: storage?.getItem(CLIENT_ID_KEY) ?? undefined,
    identity: identityFor(view, storage),
    onState: render,
  });
  started.catch((error: Error) => showError(doc, `could not start: ${error.message}`));
  return started;
}

function readConfig(doc: Document): DemoPageConfig {
  const text = doc.getElementById('edgefl-demo-config')?.textContent;
  if (!text) throw new Error('the page has no #edgefl-demo-config: render it with renderDemoPage');
  const config = JSON.parse(text) as DemoPageConfig;
  if (typeof config.wasmPaths !== 'string' || !Number.isInteger(config.examples))
    throw new Error('#edgefl-demo-config must hold { wasmPaths, examples }');
  return config;
}

function identityFor(view: Window, storage: Storage | undefined): ClientIdentity {
  const stored = storage?.getItem(IDENTITY_SEED_KEY);
  const seed =
    stored && /^[0-9a-f]{64}$/.test(stored)
      ? Uint8Array.from(stored.match(/../g) ?? [], (byte) => parseInt(byte, 16))
      : view.crypto.getRandomValues(new Uint8Array(32));
  storage?.setItem(IDENTITY_SEED_KEY, Array.from(seed, (byte) => byte.toString(16).padStart(2, '0')).join(''));
  return generateIdentity(seed);
}

function seedFor(view: Window): number {
  const requested = new URLSearchParams(view.location.search).get('seed');
  if (requested !== null && /^\d{1,9}$/.test(requested)) return Number(requested);
  return view.crypto.getRandomValues(new Uint32Array(1))[0] >>> 1;
}

function sessionStorageOf(view: Window): Storage | undefined {
  try {
    return view.sessionStorage;
  } catch {
    return undefined; // storage disabled: the coordinator assigns a new id per load
  }
}

function renderState(doc: Document, state: DemoClientState): void {
  const set = (id: string, text: string): void => {
    const element = doc.getElementById(id);
    if (element && element.textContent !== text) element.textContent = text;
  };
  const status = doc.getElementById('status');
  if (status) {
    status.dataset.status = state.status;
    status.textContent = state.status;
  }
  set(
    'backend',
    state.backend === null
      ? '–'
      : state.wasmError
        ? `${state.backend} (wasm failed: ${state.wasmError})`
        : state.backend,
  );
  set('client-id', state.clientId ?? '–');
  set('round', state.round === null ? '–' : String(state.round));
  set('rounds-participated', String(state.roundsParticipated));
  set('model-version', state.modelVersion === null ? '–' : String(state.modelVersion));
  const loss = state.progress?.loss ?? state.lastUpdate?.loss;
  set('loss', loss === undefined ? '–' : loss.toFixed(4));
  set('data', `${state.examples} procedural examples, seed ${state.seed}`);
  const progress = doc.getElementById('progress');
  if (progress instanceof HTMLProgressElement) {
    const { step = 0, steps = 1 } = state.progress ?? (state.status === 'waiting' ? { step: 1, steps: 1 } : {});
    progress.max = Math.max(1, steps);
    progress.value = Math.min(step, progress.max);
  }
  const errors = doc.getElementById('errors');
  if (errors && errors.childElementCount !== state.errors.length) {
    errors.replaceChildren(
      ...state.errors.map((message) => Object.assign(doc.createElement('li'), { textContent: message })),
    );
  }
}

function showError(doc: Document, message: string): void {
  const status = doc.getElementById('status');
  if (status) {
    status.dataset.status = 'failed';
    status.textContent = 'failed';
  }
  doc.getElementById('errors')?.append(Object.assign(doc.createElement('li'), { textContent: message }));
}
