import { FederatedClient, TfjsTrainer } from '@edgefl/client';
import { makeProceduralDataset } from '@edgefl/datasets';
import { initializeBrowserBackend } from './initialize-browser-backend';
import { mountDemoPage } from './mount-demo-page';
import { ProceduralDataTrainer } from './procedural-data-trainer';
import { startDemoClient } from './start-demo-client';

/**
 * What the browser bundle (`/demo/edgefl.js`) puts on `window.EdgeFL`: the client SDK and the
 * demo's pieces, for pages that embed EdgeFL without a bundler of their own.
 *
 * @example
 * const { backend } = await EdgeFL.initializeBrowserBackend({ wasmPaths: '/demo/' });
 * await new EdgeFL.FederatedClient({ url: location.origin, data }).run();
 */
export const EDGEFL_BROWSER_API = {
  FederatedClient,
  TfjsTrainer,
  ProceduralDataTrainer,
  initializeBrowserBackend,
  makeProceduralDataset,
  startDemoClient,
  mountDemoPage,
};

declare global {
  interface Window {
    EdgeFL?: typeof EDGEFL_BROWSER_API;
  }
}

window.EdgeFL = EDGEFL_BROWSER_API;
