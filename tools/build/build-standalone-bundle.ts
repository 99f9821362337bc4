import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildBrowserBundle } from '@edgefl/browser-client/bundler';

/** Where the standalone script lands in the browser client's package (its `./standalone` export). */
export const STANDALONE_BUNDLE_PATH = join('dist', 'browser', 'edgefl.min.js');

/**
 * The browser client's extra build step: the standalone minified script for a plain `<script>`
 * tag (sets `window.EdgeFL`), built ahead of time so the coordinator serves a file and needs no
 * bundler at run time. Returns a note for the build log.
 *
 * @example
 * await buildStandaloneBundle('libs/browser-client'); // ', standalone dist/browser/edgefl.min.js 913 KB (254 KB gzipped)'
 */
export async function buildStandaloneBundle(root: string): Promise<string> {
  const { code } = await buildBrowserBundle({ minify: true });
  const file = join(root, STANDALONE_BUNDLE_PATH);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, code);
  const kb = (bytes: number): string => `${Math.round(bytes / 1024)} KB`;
  return `, standalone ${STANDALONE_BUNDLE_PATH} ${kb(Buffer.byteLength(code))} (${kb(gzipSync(code).length)} gzipped)`;
}
