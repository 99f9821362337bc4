import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import type { RoundRecord } from '@edgefl/coordinator-store';
import { renderReportHtml } from '@edgefl/simulation';
import type { ReportedRound, SimulationReport } from '@edgefl/simulation';
import { launchChromium, watchErrors } from './support/headless-chromium';

/** Eight rounds, one abandoned attempt before round 3, round 5 never evaluated. */
function fabricatedReport(): SimulationReport {
  const rounds: ReportedRound[] = Array.from({ length: 8 }, (_, i) => ({
    round: i + 1,
    accuracy: i === 4 ? null : 0.3 + 0.07 * i,
    loss: i === 4 ? null : 2 - 0.2 * i,
    participants: 8 - (i % 3),
    dropped: i % 3,
    rejected: i === 6 ? 1 : 0,
    attempts: i === 2 ? 2 : 1,
    bytesUp: 150_000 + 1_000 * i,
    bytesDown: 300_000,
    uplinkBytesPerParam: 4.1,
    bytesUpPerAggregatedClient: 20_000,
  }));
  const abandoned = {
    runId: 'sim',
    round: 3,
    attempt: 1,
    roundId: 'sim-3-1',
    outcome: 'abandoned',
    reason: 'too few reports',
  } as RoundRecord;
  return {
    config: {
      clients: 12,
      perRound: 8,
      rounds: 8,
      dataset: 'synthetic',
      partition: 'dirichlet:0.5',
      localEpochs: 1,
      batchSize: 32,
      learningRate: 0.002,
      optimizer: 'adam',
      samplesPerClient: 100,
      testLimit: 500,
      seed: 3,
      out: 'runs/e2e',
      bits: 8,
      chunkSize: 1024,
      errorFeedback: true,
      roundTimeoutMs: 30_000,
      dropout: 0.1,
      stragglers: 0,
      badActors: 0.05,
      backend: 'cpu',
      threads: 1,
      quiet: false,
      datasetUsed: 'synthetic',
      backends: ['cpu'],
    },
    modelParams: 16_419,
    initial: { accuracy: 0.1, loss: 2.31 },
    rounds,
    timings: [],
    attempts: [abandoned],
    summary: {
      roundsCompleted: 8,
      finalAccuracy: rounds[7].accuracy,
      totalBytesUp: rounds.reduce((n, r) => n + r.bytesUp, 0),
      totalBytesDown: 8 * 300_000,
      wallTimeMs: 7_000,
    },
  };
}

describe('report.html in a real browser', () => {
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    browser = await launchChromium();
    dir = mkdtempSync(join(tmpdir(), 'edgefl-report-'));
  });

  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('draws every chart from the inlined data, offline, without a console error', async () => {
    const file = join(dir, 'report.html');
    writeFileSync(file, renderReportHtml(fabricatedReport()));
    const page = await browser.newPage();
    const errors = watchErrors(page);
    const fetched: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith('file:') && !request.url().startsWith('data:')) fetched.push(request.url());
    });
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector('body[data-rendered="true"]', { timeout: 10_000 });

    const charts = await page.evaluate(() => {
      type ChartLike = { data: { labels?: unknown[]; datasets: Array<{ data: unknown[] }> } };
      const getChart = (window as unknown as { Chart: { getChart(id: string): ChartLike | undefined } }).Chart.getChart;
      const shape = (id: string) => {
        const chart = getChart(id);
        return chart ? chart.data.datasets.map((d) => d.data.length) : null;
      };
      return {
        accuracyByRound: shape('accuracy-round-chart'),
        accuracyByBytes: shape('accuracy-bytes-chart'),
        bytesPerRound: shape('bytes-round-chart'),
        participation: shape('participation-chart'),
        canvases: document.querySelectorAll('canvas').length,
        configRows: document.querySelectorAll('#config-table dt').length,
      };
    });
    await page.close();

    // Initial model + 7 evaluated rounds, for accuracy and loss alike.
    expect(charts.accuracyByRound).toEqual([8, 8]);
    expect(charts.accuracyByBytes).toEqual([8, 8]);
    expect(charts.bytesPerRound).toEqual([8, 8]);
    expect(charts.participation).toEqual([8, 8, 8]);
    expect(charts.canvases).toBe(4);
    expect(charts.configRows).toBeGreaterThan(20);
    expect(errors).toEqual([]);
    expect(fetched).toEqual([]);
  });
});
