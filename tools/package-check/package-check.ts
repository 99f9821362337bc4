/**
 * The packages as someone outside this repository gets them. Packs every public workspace
 * package into a temporary folder outside the repo, installs only those tarballs (and their
 * registry dependencies) into a fresh `npm init -y` project with `npm ci --omit=dev`, then, from
 * that project alone:
 *  1. starts `npx edgefl-coordinator` and checks it serves `/demo` and the shipped standalone script;
 *  2. runs examples/node/train.mjs (ES module) and train.cjs (CommonJS) together: both complete
 *     secure rounds; `npx edgefl-sim` runs a round on worker threads;
 *  3. type-checks examples/typescript against the shipped .d.ts, strict, with `moduleResolution`
 *     node16 and bundler;
 *  4. bundles `@edgefl/client` and `@edgefl/browser-client` for browsers with esbuild (fails on
 *     any reachable Node built-in) and measures the SDK's own code;
 *  5. serves examples/browser/index.html with only the standalone script and tfjs's wasm files,
 *     opens it in Chromium and checks it completes every round next to a Node client.
 * It runs `npm run build` first (Nx's cache makes that quick when nothing changed); the tools
 * (TypeScript, esbuild, playwright-core) are installed from the registry in their own folder, at
 * the versions this repo uses.
 *
 * Usage: npx tsx tools/package-check/package-check.ts [--keep] [--json FILE]
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type * as Esbuild from 'esbuild';
import type * as Playwright from 'playwright-core';
import { headlessLaunchOptions } from '@edgefl/chromium-tools';
import { measurePackageSizes } from './measure-package-sizes';
import type { PackageSizes } from './measure-package-sizes';
import { runCommand, startProcess } from './run-command';
import type { RunningProcess } from './run-command';
import { serveStaticSite } from './static-site';

const ROOT = resolve(__dirname, '..', '..');
const EXAMPLES = join(ROOT, 'examples');
/** A small model so that every step trains in seconds: 8 x 8 inputs, one separable conv of width 4. */
const COORDINATOR_FLAGS = [
  '--port',
  '0',
  '--rounds',
  '2',
  '--per-round',
  '2',
  '--over-selection',
  '1',
  '--min-reports',
  '2',
  '--wait-for-clients',
  '2',
];
const MODEL_FLAGS = [
  '--input-size',
  '8',
  '--widths',
  '4',
  '--eval-dataset',
  'none',
  '--round-timeout',
  '120000',
  '--log-level',
  'info',
];
const CLIENT_ENV = { EDGEFL_INPUT_SIDE: '8' };
const TOOLS = ['typescript', 'esbuild', 'playwright-core', '@types/node'];

interface WorkspacePackage {
  dir: string;
  name: string;
}

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

function step(title: string): () => void {
  const started = performance.now();
  process.stdout.write(`== ${title}\n`);
  return () => process.stdout.write(`   ok (${((performance.now() - started) / 1000).toFixed(1)}s)\n`);
}

function publicPackages(): WorkspacePackage[] {
  const found: WorkspacePackage[] = [];
  for (const group of ['libs', 'apps']) {
    for (const name of readdirSync(join(ROOT, group)).sort()) {
      const dir = join(ROOT, group, name);
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name: string;
        private?: boolean;
      };
      if (manifest.private) continue;
      if (!existsSync(join(dir, 'dist'))) throw new Error(`${manifest.name} has no dist/ after the build`);
      found.push({ dir, name: manifest.name });
    }
  }
  return found;
}

async function main(): Promise<void> {
  const keep = process.argv.includes('--keep');
  const work = mkdtempSync(join(tmpdir(), 'edgefl-package-check-'));
  const running: RunningProcess[] = [];
  let browser: Playwright.Browser | undefined;
  try {
    let done = step('npm run build (cached when the sources did not change)');
    await runCommand('npm', ['run', 'build', '--silent'], { cwd: ROOT, timeoutMs: 1_200_000 });
    done();

    done = step(`pack the public packages into ${work}/tarballs`);
    const packages = publicPackages();
    const tarballs = join(work, 'tarballs');
    mkdirSync(tarballs);
    const packed = await runCommand(
      'npm',
      ['pack', '--json', '--pack-destination', tarballs, ...packages.flatMap((pkg) => ['-w', pkg.dir])],
      { cwd: ROOT },
    );
    const files = (
      JSON.parse(packed.output.slice(packed.output.indexOf('['))) as Array<{ filename: string; name: string }>
    ).map((entry) => join(tarballs, entry.filename));
    if (files.length !== packages.length)
      throw new Error(`packed ${files.length} tarballs for ${packages.length} packages`);
    process.stdout.write(`   ${packages.map((pkg) => pkg.name).join(', ')}\n`);
    done();

    done = step('a fresh project installs only the tarballs (npm ci --omit=dev); the tools in their own folder');
    const app = join(work, 'app');
    const tools = join(work, 'tools');
    mkdirSync(app);
    mkdirSync(tools);
    const rootManifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      devDependencies: Record<string, string>;
    };
    const quiet = ['--no-audit', '--no-fund', '--prefer-offline'];
    await Promise.all([
      (async () => {
        await runCommand('npm', ['init', '-y'], { cwd: app });
        await runCommand('npm', ['install', '--package-lock-only', ...quiet, ...files], { cwd: app });
        await runCommand('npm', ['ci', '--omit=dev', ...quiet], { cwd: app });
      })(),
      (async () => {
        await runCommand('npm', ['init', '-y'], { cwd: tools });
        await runCommand(
          'npm',
          ['install', ...quiet, ...TOOLS.map((name) => `${name}@${rootManifest.devDependencies[name]}`)],
          { cwd: tools },
        );
      })(),
    ]);
    for (const example of [
      'node/train.mjs',
      'node/train.cjs',
      'typescript/app.ts',
      'typescript/app.mts',
      'typescript/tsconfig.node16.json',
      'typescript/tsconfig.bundler.json',
    ]) {
      copyFileSync(join(EXAMPLES, example), join(app, example.split('/')[1]));
    }
    const installed = (name: string): string => join(app, 'node_modules', ...name.split('/'));
    for (const pkg of packages) {
      if (!existsSync(join(installed(pkg.name), 'package.json')))
        throw new Error(`${pkg.name} is not installed in ${app}`);
    }
    done();

    done = step('npx edgefl-coordinator serves /demo with the shipped standalone script');
    const coordinator = await startCoordinator(app, running);
    const page = await fetch(`${coordinator}/demo`);
    if (page.status !== 200 || !(await page.text()).includes('<script src="/demo/edgefl.js">'))
      throw new Error(`/demo answered ${page.status}`);
    const script = Buffer.from(await (await fetch(`${coordinator}/demo/edgefl.js`)).arrayBuffer());
    const standalone = join(installed('@edgefl/browser-client'), 'dist', 'browser', 'edgefl.min.js');
    if (!script.equals(readFileSync(standalone)))
      throw new Error('/demo/edgefl.js is not the standalone script the package ships');
    const wasm = await fetch(`${coordinator}/demo/tfjs-backend-wasm-simd.wasm`);
    if (wasm.status !== 200) throw new Error(`/demo/tfjs-backend-wasm-simd.wasm answered ${wasm.status}`);
    done();

    done = step('an ES module app (train.mjs) and a CommonJS app (train.cjs) complete secure rounds');
    const runs = await Promise.all([
      runCommand('node', ['train.mjs'], {
        cwd: app,
        env: { ...process.env, ...CLIENT_ENV, EDGEFL_URL: coordinator, EDGEFL_SEED: '1' },
        timeoutMs: 180_000,
      }),
      runCommand('node', ['train.cjs'], {
        cwd: app,
        env: { ...process.env, ...CLIENT_ENV, EDGEFL_URL: coordinator, EDGEFL_SEED: '2' },
        timeoutMs: 180_000,
      }),
    ]);
    for (const run of runs) expectLine(run.output, 'run ended (completed): took part in 2 rounds, model version 2');
    process.stdout.write(runs.map((run) => indent(run.output)).join(''));
    await stopAll(running);
    done();

    done = step('npx edgefl-sim runs a secure round on two worker threads');
    const simulated = await runCommand(
      'npx',
      [
        'edgefl-sim',
        '--clients',
        '3',
        '--per-round',
        '3',
        '--rounds',
        '1',
        '--threads',
        '2',
        '--dataset',
        'synthetic',
        '--input-size',
        '8',
        '--widths',
        '2',
        '--samples-per-client',
        '16',
        '--out',
        join(work, 'sim'),
      ],
      { cwd: app, timeoutMs: 180_000 },
    );
    if (!/^summary: 1 rounds/m.test(simulated.output) || !existsSync(join(work, 'sim', 'report.html')))
      throw new Error(`edgefl-sim did not complete its round:\n${simulated.output}`);
    done();

    done = step('a strict TypeScript app type-checks against the shipped .d.ts (node16 and bundler)');
    const tsc = join(tools, 'node_modules', 'typescript', 'bin', 'tsc');
    for (const mode of ['node16', 'bundler']) {
      // The app's own tsconfig skips library checks (tfjs's declarations need it); here ours are checked too.
      const checked = await runCommand(
        'node',
        [
          tsc,
          '-p',
          `tsconfig.${mode}.json`,
          '--skipLibCheck',
          'false',
          '--typeRoots',
          join(tools, 'node_modules', '@types'),
        ],
        { cwd: app },
      ).catch((error: Error) => ({ code: 1, output: error.message }));
      const ours = checked.output
        .split('\n')
        .filter((line) => /error TS/.test(line) && !line.startsWith('node_modules/@tensorflow/'));
      if (ours.length > 0)
        throw new Error(`tsc (${mode}) found errors outside tfjs's own declarations:\n${ours.join('\n')}`);
      if (checked.code !== 0 && !/error TS/.test(checked.output))
        throw new Error(`tsc (${mode}) failed:\n${checked.output}`);
    }
    done();

    done = step('bundlers: the ES module entries reach no Node built-in; sizes');
    const esbuild = require(join(tools, 'node_modules', 'esbuild')) as typeof Esbuild;
    const sizes = await measurePackageSizes({
      esbuild,
      app,
      standalone,
      wasmDir: join(installed('@tensorflow/tfjs-backend-wasm'), 'dist'),
    });
    process.stdout.write(indent(formatSizes(sizes)));
    done();

    done = step('a static page with only the standalone script joins rounds in Chromium next to a Node client');
    const site = join(work, 'site');
    mkdirSync(site);
    copyFileSync(join(EXAMPLES, 'browser', 'index.html'), join(site, 'index.html'));
    copyFileSync(standalone, join(site, 'edgefl.min.js'));
    for (const name of readdirSync(join(installed('@tensorflow/tfjs-backend-wasm'), 'dist')).filter((file) =>
      file.endsWith('.wasm'),
    )) {
      copyFileSync(join(installed('@tensorflow/tfjs-backend-wasm'), 'dist', name), join(site, name));
    }
    const server = await serveStaticSite(site);
    try {
      // The page is served from another origin than the coordinator's: the operator allows it by name.
      const second = await startCoordinator(app, running, ['--allowed-origins', server.url]);
      const { chromium } = require(join(tools, 'node_modules', 'playwright-core')) as typeof Playwright;
      browser = await chromium.launch(headlessLaunchOptions(chromium));
      const tab = await browser.newPage();
      const errors: string[] = [];
      tab.on('pageerror', (error) => errors.push(error.message));
      tab.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      const loaded = new Set<string>();
      tab.on('request', (request) => loaded.add(new URL(request.url()).pathname));
      await tab.goto(`${server.url}/index.html?coordinator=${encodeURIComponent(second)}&side=8&seed=3`);
      const node = runCommand('node', ['train.mjs'], {
        cwd: app,
        env: { ...process.env, ...CLIENT_ENV, EDGEFL_URL: second, EDGEFL_SEED: '4' },
        timeoutMs: 180_000,
      });
      await tab.waitForFunction(
        () => {
          const state = (window as unknown as { edgeflExample?: { status: string } }).edgeflExample;
          return state?.status === 'finished' || state?.status === 'failed';
        },
        undefined,
        { timeout: 180_000, polling: 100 },
      );
      const state = await tab.evaluate(() => (window as unknown as { edgeflExample: PageState }).edgeflExample);
      const nodeRun = await node;
      if (
        state.status !== 'finished' ||
        state.summary?.roundsParticipated !== 2 ||
        state.rounds.filter((round) => round.outcome === 'completed').length !== 2
      ) {
        throw new Error(
          `the page did not complete 2 rounds: ${JSON.stringify(state)}\npage errors: ${errors.join('\n')}`,
        );
      }
      if (errors.length > 0) throw new Error(`the page logged errors:\n${errors.join('\n')}`);
      expectLine(nodeRun.output, 'run ended (completed): took part in 2 rounds, model version 2');
      const scripts = [...loaded].filter((path) => path.endsWith('.js'));
      if (scripts.join() !== '/edgefl.min.js')
        throw new Error(`the page loaded scripts other than the standalone one: ${scripts.join(', ')}`);
      process.stdout.write(
        indent(
          `page: backend ${state.backend}, rounds ${state.rounds.map((round) => `${round.round} ${round.outcome}`).join(', ')}\n${nodeRun.output}`,
        ),
      );
    } finally {
      await server.close();
    }
    done();

    const json = option('json');
    if (json) writeFileSync(json, `${JSON.stringify(sizes, null, 2)}\n`);
    process.stdout.write('package check: all steps passed\n');
  } finally {
    await browser?.close();
    await stopAll(running);
    if (keep) process.stdout.write(`kept ${work}\n`);
    else rmSync(work, { recursive: true, force: true });
  }
}

interface PageState {
  status: string;
  backend: string | null;
  rounds: Array<{ round: number; outcome: string; modelVersion: number }>;
  summary: { roundsParticipated: number; reason: string } | null;
  error: string | null;
}

/** Starts `npx edgefl-coordinator` in the consumer project and returns its URL once ready. */
async function startCoordinator(app: string, running: RunningProcess[], extraFlags: string[] = []): Promise<string> {
  const coordinator = startProcess('npx', ['edgefl-coordinator', ...COORDINATOR_FLAGS, ...MODEL_FLAGS, ...extraFlags], {
    cwd: app,
  });
  running.push(coordinator);
  const ready = await coordinator.waitForLine((line) => line.includes('"msg":"ready"'), 60_000);
  return (JSON.parse(ready) as { url: string }).url;
}

async function stopAll(running: RunningProcess[]): Promise<void> {
  await Promise.all(running.splice(0).map((process) => process.stop()));
}

function expectLine(output: string, line: string): void {
  if (!output.split('\n').includes(line)) throw new Error(`expected the line "${line}" in:\n${output}`);
}

function indent(text: string): string {
  return text
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => `   | ${line}\n`)
    .join('');
}

function formatSizes(sizes: PackageSizes): string {
  const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
  const rows = sizes.rows.map(
    (row) =>
      `${row.part.padEnd(58)} ${kb(row.minified).padStart(10)} ${row.gzipped === null ? '' : kb(row.gzipped).padStart(10)}`,
  );
  return [`${'part'.padEnd(58)} ${'minified'.padStart(10)} ${'gzipped'.padStart(10)}`, ...rows].join('\n') + '\n';
}

main().catch((error: Error) => {
  process.stderr.write(`package-check: ${error.message}\n`);
  process.exit(1);
});
