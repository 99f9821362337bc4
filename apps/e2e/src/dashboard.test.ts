import { FederatedClient } from '@edgefl/client';
import type { LocalTrainingTask } from '@edgefl/client';
import type { ModelEvaluation } from '@edgefl/coordinator';
import type { Browser, Page } from 'playwright-core';
import { createDashboard } from '@edgefl/dashboard';
import type { DashboardOptions } from '@edgefl/dashboard';
import { ConstantTrainer } from './support/constant-trainer';
import { startCoordinator } from './support/start-coordinator';
import { tinyDataset } from './support/tiny-dataset';
import { launchChromium, watchErrors } from './support/headless-chromium';

const ROUNDS = 6;

/** Accuracy that climbs by 0.1 per evaluation: stands in for a real held-out set. */
function climbingEvaluator(): (weights: Float32Array) => Promise<ModelEvaluation> {
  let calls = 0;
  return async () => {
    calls++;
    return { accuracy: Math.min(0.95, 0.1 * calls), loss: 2 / calls };
  };
}

async function startWithDashboard(dashboard: DashboardOptions = {}) {
  const started = await startCoordinator(
    { secure: false, rounds: ROUNDS, clientsPerRound: 3, overSelection: 1, minReports: 3, roundTimeoutMs: 10_000 },
    // Zero initial weights (SMALL_MODEL's 343) keep tfjs out of the test: only the dashboard is under test.
    { evaluate: climbingEvaluator(), initialWeights: new Float32Array(343) },
  );
  started.coordinator.addHttpHandler(createDashboard(started.coordinator, dashboard).httpHandler);
  return started;
}

/** What the page shows: the round card, the phase and the accuracy chart's point count. */
function readPage(page: Page) {
  return page.evaluate(() => {
    type ChartLike = { data: { datasets: Array<{ data: unknown[] }> } };
    const chart = (window as unknown as { Chart: { getChart(id: string): ChartLike | undefined } }).Chart.getChart(
      'accuracy-chart',
    );
    const edgefl = (window as unknown as { __edgefl: { rounds: unknown[]; evaluations: unknown[] } }).__edgefl;
    return {
      round: Number(document.getElementById('round')?.dataset.value ?? -1),
      roundText: document.getElementById('round')?.textContent,
      phase: document.getElementById('phase')?.textContent,
      clients: document.getElementById('clients')?.textContent,
      points: Number(document.getElementById('accuracy-chart')?.dataset.points ?? -1),
      chartPoints: chart?.data.datasets[0].data.length ?? -1,
      rounds: edgefl.rounds.length,
    };
  });
}

/** In the page: remembers every distinct value the round card and the accuracy chart's point count take. */
function recordChanges(): void {
  const seen = { points: [] as number[], rounds: [] as number[] };
  (window as unknown as { __seen: typeof seen }).__seen = seen;
  const follow = (element: HTMLElement, attribute: string, into: number[]): void => {
    const note = (): void => {
      const value = Number(element.getAttribute(attribute));
      if (into.at(-1) !== value) into.push(value);
    };
    note();
    new MutationObserver(note).observe(element, { attributes: true, attributeFilter: [attribute] });
  };
  follow(document.getElementById('accuracy-chart') as HTMLElement, 'data-points', seen.points);
  follow(document.getElementById('round') as HTMLElement, 'data-value', seen.rounds);
}

describe('the live dashboard in a real browser', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('follows a run as it happens: round counter and accuracy chart advance', async () => {
    const { coordinator, url } = await startWithDashboard();
    const page = await browser.newPage();
    const errors = watchErrors(page);
    // Lockstep with the page: round r trains only once the page shows round r and the r points before
    // it (the initial evaluation and one per round). The run cannot outrun the browser, so every step
    // is there to be seen live, however slow the page is.
    const shown = new Map<number, Promise<void>>();
    const pageCaughtUp = (task: LocalTrainingTask): Promise<void> => {
      const round = Number(task.roundId.split('/')[1]);
      let caughtUp = shown.get(round);
      if (!caughtUp) {
        caughtUp = page
          .waitForFunction(
            (r) =>
              Number(document.getElementById('round')?.dataset.value) >= r &&
              Number(document.getElementById('accuracy-chart')?.dataset.points) >= r,
            round,
            { timeout: 20_000, polling: 50 },
          )
          .then(() => undefined);
        shown.set(round, caughtUp);
      }
      return caughtUp;
    };
    const clients = [0, 1, 2].map(
      (i) =>
        new FederatedClient({
          url,
          data: tinyDataset(5),
          clientId: `d${i}`,
          trainer: new ConstantTrainer(0.01, 0, pageCaughtUp),
        }),
    );
    try {
      await page.goto(`${url}/`);
      await page.waitForSelector('#connection[data-state="live"]', { timeout: 10_000 });
      await page.evaluate(recordChanges);
      const runs = clients.map((client) => client.run());
      expect(await coordinator.waitForClients(3, 10_000)).toBe(true);
      const run = coordinator.run();

      // Mid-run, the chart already shows more than the initial evaluation, and clients are counted.
      await page.waitForFunction(
        () => Number(document.getElementById('accuracy-chart')?.dataset.points) >= 2,
        undefined,
        { timeout: 20_000, polling: 50 },
      );
      const midway = await readPage(page);
      expect(midway.round).toBeGreaterThanOrEqual(1);
      expect(midway.clients).toBe('3');

      const summary = await run;
      await Promise.all(runs);
      expect(summary).toMatchObject({ reason: 'completed', modelVersion: ROUNDS });
      await page.waitForFunction(
        (rounds) =>
          document.getElementById('phase')?.textContent === 'run completed' &&
          (window as unknown as { __edgefl: { rounds: unknown[] } }).__edgefl.rounds.length === rounds,
        ROUNDS,
        { timeout: 10_000 },
      );
      const end = await readPage(page);
      // The initial model plus one evaluation per round.
      expect(end).toMatchObject({
        round: ROUNDS,
        roundText: `${ROUNDS} / ${ROUNDS}`,
        points: ROUNDS + 1,
        chartPoints: ROUNDS + 1,
        rounds: ROUNDS,
      });
      // Seen live, one step at a time, not all at once at the end.
      const seen = await page.evaluate(
        () => (window as unknown as { __seen: { points: number[]; rounds: number[] } }).__seen,
      );
      expect(seen.points.length).toBeGreaterThanOrEqual(4);
      expect(seen.points).toEqual([...seen.points].sort((a, b) => a - b));
      expect(seen.points.at(-1)).toBe(ROUNDS + 1);
      expect(new Set(seen.rounds).size).toBeGreaterThanOrEqual(3);
      expect(shown.size).toBe(ROUNDS);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
      for (const client of clients) client.stop();
      await coordinator.close();
    }
  });

  it('with an admin token, refuses the page and the feed without it', async () => {
    const { coordinator, url } = await startWithDashboard({ adminToken: 'let-me-in' });
    const refused = await browser.newPage();
    const page = await browser.newPage();
    const errors = watchErrors(page);
    try {
      expect((await refused.goto(`${url}/`))?.status()).toBe(401);
      expect((await refused.goto(`${url}/?token=wrong`))?.status()).toBe(401);
      expect((await refused.request.get(`${url}/`, { headers: { authorization: 'Bearer let-me-in' } })).status()).toBe(
        200,
      );

      expect((await page.goto(`${url}/?token=let-me-in`))?.status()).toBe(200);
      await page.waitForSelector('#connection[data-state="live"]', { timeout: 10_000 });
      expect(await page.textContent('#round')).toBe(`0 / ${ROUNDS}`);
      // The same page, without the token, cannot join the feed.
      const refusal = await page.evaluate(
        () =>
          new Promise<string>((resolve) => {
            const io = (
              window as unknown as {
                io: (nsp: string, opts: object) => { once(e: string, f: (err: Error) => void): void; close(): void };
              }
            ).io;
            const socket = io('/dashboard', { auth: { token: 'wrong' }, reconnection: false, forceNew: true });
            socket.once('connect_error', (error) => {
              socket.close();
              resolve(error.message);
            });
          }),
      );
      expect(refusal).toBe('unauthorized');
      expect(errors).toEqual([]);
    } finally {
      await refused.close();
      await page.close();
      await coordinator.close();
    }
  });
});
