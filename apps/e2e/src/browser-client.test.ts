import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { buildBrowserBundle } from '@edgefl/browser-client/bundler';
import { createBrowserDemo } from '@edgefl/browser-client/node';
import type { DemoClientState } from '@edgefl/browser-client';
import { FederatedClient } from '@edgefl/client';
import type { CoordinatorLogger } from '@edgefl/coordinator';
import type { RoundRecord } from '@edgefl/coordinator-store';
import { countParameters } from '@edgefl/models';
import type { ModelSpec } from '@edgefl/protocol';
import { SeededRandom } from '@edgefl/random';
import { ConstantTrainer } from './support/constant-trainer';
import { startCoordinator } from './support/start-coordinator';
import { tinyDataset } from './support/tiny-dataset';
import { launchChromium, watchErrors } from './support/headless-chromium';

const ROUNDS = 2;
// Small enough that the page trains a round in well under a second on wasm.
const MODEL: ModelSpec = { kind: 'separable-cnn', inputShape: [8, 8, 1], widths: [4], classes: 10 };

interface LogLine {
  level: string;
  fields: Record<string, unknown>;
  message: string;
}

function capturingLogger(lines: LogLine[]): CoordinatorLogger {
  const at = (level: string) => (fields: Record<string, unknown>, message: string) =>
    void lines.push({ level, fields, message });
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** Small random initial weights, so the page's real model has gradients to follow. */
function initialWeights(model: ModelSpec): Float32Array {
  const rng = new SeededRandom(11);
  return Float32Array.from({ length: countParameters(model) }, () => (rng.nextFloat() - 0.5) * 0.4);
}

function demoState(page: Page): Promise<DemoClientState | undefined> {
  return page.evaluate(() => window.__edgefl_demo);
}

describe('the client SDK in a browser', () => {
  let browser: Browser;
  // The standalone script a package build makes, built here from the sources.
  const bundleDir = mkdtempSync(join(tmpdir(), 'edgefl-e2e-bundle-'));
  const bundleFile = join(bundleDir, 'edgefl.min.js');

  beforeAll(async () => {
    writeFileSync(bundleFile, (await buildBrowserBundle()).code);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    rmSync(bundleDir, { recursive: true, force: true });
  });

  it('the /demo page trains on wasm and its updates count in every round next to Node clients', async () => {
    const log: LogLine[] = [];
    const start = initialWeights(MODEL);
    const { coordinator, url, store } = await startCoordinator(
      {
        secure: false,
        rounds: ROUNDS,
        clientsPerRound: 3,
        overSelection: 1,
        // Three reports or no round: the aggregate cannot complete without the browser.
        minReports: 3,
        roundTimeoutMs: 30_000,
        maxAttemptsPerRound: 1,
        model: MODEL,
        training: { epochs: 1, batchSize: 16, learningRate: 0.01, optimizer: 'sgd' },
      },
      { logger: capturingLogger(log), initialWeights: start },
    );
    coordinator.addHttpHandler(createBrowserDemo({ bundleFile }).httpHandler);
    const accepted: Array<{ round: number; clientId: string }> = [];
    coordinator.on('update-accepted', ({ round, clientId }) => accepted.push({ round, clientId }));
    const records: RoundRecord[] = [];
    coordinator.on('round-end', (record) => records.push(record));

    const nodeClients = [0, 1].map(
      (i) =>
        new FederatedClient({
          url,
          data: tinyDataset(5),
          clientId: `node-${i}`,
          trainer: new ConstantTrainer(0.01, 50),
        }),
    );
    const page = await browser.newPage();
    const errors = watchErrors(page);
    try {
      const nodeRuns = nodeClients.map((client) => client.run());
      expect((await page.goto(`${url}/demo?seed=5`))?.status()).toBe(200);
      await page.waitForFunction(() => Boolean(window.__edgefl_demo?.clientId), undefined, {
        timeout: 30_000,
        polling: 50,
      });
      const joined = await demoState(page);
      const browserId = joined?.clientId as string;
      expect(joined).toMatchObject({ backend: 'wasm', wasmError: null, seed: 5, examples: 64 });
      expect(await coordinator.waitForClients(3, 10_000)).toBe(true);

      const summary = await coordinator.run();
      expect(summary).toMatchObject({ reason: 'completed', modelVersion: ROUNDS });
      await Promise.all(nodeRuns);
      await page.waitForFunction(() => window.__edgefl_demo?.status === 'finished', undefined, {
        timeout: 10_000,
        polling: 50,
      });

      // Every round completed with three reports, the browser's among them.
      expect(records.map((r) => [r.outcome, r.participants])).toEqual(
        Array.from({ length: ROUNDS }, () => ['completed', 3]),
      );
      expect((await store.rounds()).map((r) => r.participants)).toEqual([3, 3]);
      for (let round = 1; round <= ROUNDS; round++) {
        expect(
          accepted
            .filter((a) => a.round === round)
            .map((a) => a.clientId)
            .sort(),
        ).toEqual([browserId, 'node-0', 'node-1'].sort());
      }
      // The aggregate moved by more than the Node clients' constant 0.01: the page's trained delta is in it.
      const first = (await store.checkpoint(1))?.weights as Float32Array;
      const moved = Array.from(first, (w, i) => w - start[i]);
      expect(moved.some((d) => Math.abs(d - 0.01) > 1e-4)).toBe(true);
      // The coordinator's log names it at registration, trained on wasm.
      expect(log).toContainEqual({
        level: 'info',
        message: 'client registered',
        fields: { clientId: browserId, backend: 'wasm' },
      });

      const end = await demoState(page);
      expect(end).toMatchObject({
        status: 'finished',
        backend: 'wasm',
        clientId: browserId,
        roundsParticipated: ROUNDS,
        modelVersion: ROUNDS,
        errors: [],
      });
      // Real training on the page's 64 procedural examples.
      expect(end?.lastUpdate?.numSamples).toBe(64);
      expect(Number.isFinite(end?.lastUpdate?.loss)).toBe(true);
      expect(await page.textContent('#backend')).toBe('wasm');
      expect(await page.textContent('#rounds-participated')).toBe(String(ROUNDS));
      expect(errors).toEqual([]);
    } finally {
      await page.close();
      for (const client of nodeClients) client.stop();
      await coordinator.close();
    }
  });
});
