import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** A static file the dashboard page loads from the coordinator instead of a CDN. */
export interface DashboardAsset {
  contentType: string;
  body: Buffer;
}

const cache = new Map<string, DashboardAsset>();
// createRequire rather than a bare `require`, so the compiled ES module resolves the same way.
const requireHere = createRequire(__filename);

/**
 * Chart.js's UMD build, read once from node_modules (the page works offline).
 *
 * @example
 * chartJsAsset().body.length > 0; // true
 */
export function chartJsAsset(): DashboardAsset {
  // chart.js's export map only names the CJS and ESM entries; the UMD build sits beside them.
  return cached('chart.js', () => join(dirname(requireHere.resolve('chart.js')), 'chart.umd.min.js'));
}

/**
 * socket.io-client's browser build, read once from node_modules.
 *
 * @example
 * socketIoClientAsset().body.length > 0; // true
 */
export function socketIoClientAsset(): DashboardAsset {
  return cached('socket.io-client', () =>
    join(dirname(requireHere.resolve('socket.io-client/dist/socket.io.js')), 'socket.io.min.js'),
  );
}

function cached(key: string, locate: () => string): DashboardAsset {
  let asset = cache.get(key);
  if (!asset) {
    asset = { contentType: 'text/javascript; charset=utf-8', body: readFileSync(locate()) };
    cache.set(key, asset);
  }
  return asset;
}
