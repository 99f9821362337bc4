// The ES module twin of app.ts: `import` resolves the packages' `import` conditions.
import { FederatedClient } from '@edgefl/client';
import type { ClientRunSummary } from '@edgefl/client';
import { initializeBrowserBackend } from '@edgefl/browser-client';
import type { BrowserBackend } from '@edgefl/browser-client';
import type { LocalDataset } from '@edgefl/runtime';

export async function joinFromPage(url: string, data: LocalDataset): Promise<ClientRunSummary> {
  const started: BrowserBackend = await initializeBrowserBackend({ wasmPaths: '/wasm/' });
  const client = new FederatedClient({ url, data, platform: `page (${started.backend})` });
  const summary = await client.run();
  const reason: string = summary.reason;
  console.log(reason, summary.roundsParticipated);
  return summary;
}

// @ts-expect-error wasmPaths is required
void initializeBrowserBackend({});
