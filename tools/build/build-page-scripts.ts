import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleBrowserScript } from '@edgefl/dashboard/browser-script';

/**
 * The extra build step of a package with browser pages (the dashboard, the simulation's
 * report.html): each `src/browser/<name>-page.ts` bundled by esbuild into
 * `dist/browser/<name>-page.js`, which `loadBrowserScript` serves or inlines when the package runs
 * from its build (from sources it bundles on first use instead). Returns a note for the build log.
 *
 * @example
 * buildPageScripts('libs/dashboard'); // ', page scripts dist/browser/dashboard-page.js (11 KB)'
 */
export async function buildPageScripts(root: string): Promise<string> {
  const pages = readdirSync(join(root, 'src', 'browser')).filter((file) => file.endsWith('-page.ts'));
  if (pages.length === 0) throw new Error(`${root}: no src/browser/*-page.ts to bundle`);
  mkdirSync(join(root, 'dist', 'browser'), { recursive: true });
  const written = pages.map((page) => {
    const script = bundleBrowserScript(join(root, 'src', 'browser', page));
    const file = join('dist', 'browser', page.replace(/\.ts$/, '.js'));
    writeFileSync(join(root, file), script);
    return `${file} (${Math.round(Buffer.byteLength(script) / 1024)} KB)`;
  });
  return `, page scripts ${written.join(', ')}`;
}
