import { initializeBrowserBackend } from './initialize-browser-backend';
import { startDemoClient } from './start-demo-client';

// Starting a client needs a browser: apps/e2e/src/browser-client.test.ts runs it in Chromium.
describe('startDemoClient and initializeBrowserBackend', () => {
  it('check their options before touching tfjs or the network', async () => {
    await expect(startDemoClient(null as unknown as { url: string; wasmPaths: string })).rejects.toThrow(
      'options must be an object',
    );
    await expect(startDemoClient({ url: '', wasmPaths: '/demo/' })).rejects.toThrow('options.url');
    await expect(startDemoClient({ url: 'http://x', wasmPaths: '/demo/', examples: 0 })).rejects.toThrow(
      'options.examples',
    );
    await expect(startDemoClient({ url: 'http://x', wasmPaths: '/demo/', seed: 1.5 })).rejects.toThrow('options.seed');
    await expect(startDemoClient({ url: 'http://x', wasmPaths: '/demo/', clientId: '' })).rejects.toThrow(
      'options.clientId',
    );
    await expect(
      startDemoClient({ url: 'http://x', wasmPaths: '/demo/', onState: 1 as unknown as () => void }),
    ).rejects.toThrow('options.onState');
    await expect(initializeBrowserBackend({ wasmPaths: '/demo' })).rejects.toThrow(
      "options.wasmPaths must be a URL prefix ending in '/'",
    );
    await expect(
      initializeBrowserBackend({ wasmPaths: '/demo/', fallbackToCpu: 'no' as unknown as boolean }),
    ).rejects.toThrow('options.fallbackToCpu');
  });
});
