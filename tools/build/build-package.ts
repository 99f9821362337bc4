/**
 * Builds one workspace package into its `dist/`: ES modules, CommonJS and `.d.ts` (see
 * compile-javascript.ts and emit-declarations.ts), plus the package's own extra step when it has
 * one (the browser client's standalone script, the page scripts of the dashboard and report.html).
 *
 * Usage: npx tsx tools/build/build-package.ts <package dir>   (Nx: `npx nx run <project>:build`)
 */
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildPageScripts } from './build-page-scripts';
import { buildStandaloneBundle } from './build-standalone-bundle';
import { compileJavaScript } from './compile-javascript';
import { emitDeclarations } from './emit-declarations';
import { packageEntries } from './package-entries';

/** Extra build steps, by package name. */
const EXTRA_STEPS: Record<string, (root: string) => Promise<string>> = {
  '@edgefl/browser-client': buildStandaloneBundle,
  '@edgefl/dashboard': buildPageScripts,
  '@edgefl/simulation': buildPageScripts,
};

async function main(): Promise<void> {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: build-package.ts <package dir>');
  const started = performance.now();
  const entries = packageEntries(resolve(dir));
  rmSync(join(entries.root, 'dist'), { recursive: true, force: true });
  const sources = await compileJavaScript(entries);
  emitDeclarations(entries);
  const extra = EXTRA_STEPS[entries.name] ? await EXTRA_STEPS[entries.name](entries.root) : '';
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const formats = Object.keys(entries.library).length > 0 ? 'esm, cjs, types' : 'cjs';
  process.stdout.write(`${entries.name}: ${sources.length} modules -> dist/ (${formats})${extra} in ${seconds}s\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`build-package: ${error.message}\n`);
  process.exit(1);
});
