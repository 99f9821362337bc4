import type { RoundRecord } from '@edgefl/coordinator-store';
import { renderReportHtml } from './report-html';
import type { SimulationReport } from './simulation-report';

const report: SimulationReport = {
  config: {
    clients: 4,
    perRound: 2,
    rounds: 1,
    dataset: 'synthetic',
    partition: 'iid',
    localEpochs: 1,
    batchSize: 8,
    learningRate: 0.01,
    optimizer: 'sgd',
    samplesPerClient: 10,
    testLimit: 10,
    seed: 1,
    out: 'runs/x',
    bits: 32,
    chunkSize: 1024,
    errorFeedback: false,
    roundTimeoutMs: 1000,
    dropout: 0,
    stragglers: 0,
    badActors: 0,
    backend: 'cpu',
    threads: 1,
    quiet: false,
    datasetUsed: 'synthetic',
    backends: ['cpu'],
    widths: [4, 8],
    coordinator: '</script><script>alert(1)</script>',
  },
  modelParams: 343,
  initial: { accuracy: 0.1, loss: 2.3 },
  rounds: [
    {
      round: 1,
      accuracy: 0.5,
      loss: 1.2,
      participants: 2,
      dropped: 0,
      rejected: 0,
      attempts: 1,
      bytesUp: 4096,
      bytesDown: 8192,
      uplinkBytesPerParam: 1.01,
      bytesUpPerAggregatedClient: 2048,
    },
  ],
  timings: [],
  attempts: [] as RoundRecord[],
  summary: { roundsCompleted: 1, finalAccuracy: 0.5, totalBytesUp: 4096, totalBytesDown: 8192, wallTimeMs: 1234 },
};

describe('renderReportHtml', () => {
  it('is one self-contained file: Chart.js and the data inlined, nothing to fetch', () => {
    const html = renderReportHtml(report);
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/<link[^>]+href=/);
    expect(html).toContain("default-src 'none'");
    expect(html).toMatch(/Chart/);
    expect(html).toContain('id="report-series"');
    for (const id of [
      'accuracy-round-chart',
      'accuracy-bytes-chart',
      'bytes-round-chart',
      'participation-chart',
      'config-table',
    ])
      expect(html).toContain(`id="${id}"`);
  });

  it('shows the configuration and escapes what it did not write', () => {
    const html = renderReportHtml(report);
    expect(html).toContain('<div><dt>widths</dt><dd>4, 8</dd></div>');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('50.00%');
  });

  it('names a bad report', () => {
    expect(() => renderReportHtml({} as SimulationReport)).toThrow(/report/);
  });
});
