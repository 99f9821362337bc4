import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createBrowserDemo } from '@edgefl/browser-client/node';
import { createDashboard } from '@edgefl/dashboard';
import { writeDeployment } from '@edgefl/model-export/node';
import {
  OpenFileLimitError,
  TooFewClientsError,
  formatBytes,
  formatConnectFailures,
  formatRoundLine,
  renderReportHtml,
  runSimulation,
} from '@edgefl/simulation';
import { progressForStream } from './progress-for-stream';
import { SIMULATION_HELP, parseSimulationArgs } from './parse-simulation-args';

async function main(): Promise<void> {
  let options;
  try {
    options = parseSimulationArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`edgefl-sim: ${(error as Error).message}\nRun edgefl-sim --help for the flags.\n`);
    process.exit(2);
  }
  if (options === 'help') {
    process.stdout.write(SIMULATION_HELP);
    return;
  }
  const progress = progressForStream(options.quiet ? { write: () => true } : process.stdout, {
    roundsTotal: options.rounds,
  });
  let roundsDone = 0;
  const outDir = resolve(options.out);
  const modelDir = join(outDir, 'model');
  let modelWritten = false;
  const report = await runSimulation(options, {
    onCoordinator: (coordinator) => {
      coordinator.addHttpHandler(createDashboard(coordinator).httpHandler);
      coordinator.addHttpHandler(createBrowserDemo().httpHandler);
    },
    onStart: ({ url, dataset, clients, modelParams, backend, coordinatorProcess }) => {
      progress.log(
        `edgefl-sim: ${clients} clients on ${dataset}, ${modelParams} parameters, backend ${backend}, coordinator ${url}` +
          (coordinatorProcess ? " (in its own process: this one holds only the clients' socket ends)" : ''),
      );
      if (!options.coordinator && !coordinatorProcess) progress.log(`dashboard: ${url}/`);
      if (!options.coordinator && !coordinatorProcess) progress.log(`demo: ${url}/demo`);
      progress.update({ roundsDone });
    },
    onInitial: ({ accuracy, loss }) => {
      progress.log(`round   0  acc ${(100 * accuracy).toFixed(2)}%  loss ${loss.toFixed(4)}  (initial model)`);
      progress.update({ accuracy });
    },
    onRound: (row) => {
      progress.log(formatRoundLine(row));
      progress.update({ roundsDone: ++roundsDone, round: row.round + 1, attempt: 1, accuracy: row.accuracy });
    },
    onUpdateAccepted: ({ reported, goal }) => progress.update({ reported, goal }),
    onFinalModel: async ({ spec, weights, modelVersion, testSet, testSetName }) => {
      progress.log(`writing the deployment artifacts of model version ${modelVersion} to ${modelDir}`);
      await writeDeployment(modelDir, { spec, weights, modelVersion, testSet, testSetName });
      modelWritten = true;
    },
    onClientsMissing: ({ connected, expected, waitedMs, connections, starting }) => {
      if (connections.failed > 0) progress.log(`edgefl-sim: ${formatConnectFailures(connections)}`);
      if (waitedMs !== undefined)
        progress.log(
          `edgefl-sim: ${expected - connected - connections.failed} clients still not connected after ${waitedMs / 1000} s ` +
            '(CPU: connecting is bound by the Ed25519 challenge each client answers)',
        );
      if (starting) progress.log(`edgefl-sim: starting with the ${connected} clients connected`);
    },
    onAbandoned: (record) => {
      progress.log(`round ${String(record.round).padStart(3)}  attempt ${record.attempt} abandoned: ${record.reason}`);
      progress.update({ round: record.round, attempt: record.attempt + 1 });
    },
  }).finally(() => progress.finish());
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, 'report.json');
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  const htmlFile = join(outDir, 'report.html');
  writeFileSync(htmlFile, renderReportHtml(report));
  const { summary } = report;
  process.stdout.write(
    [
      '',
      `summary: ${summary.roundsCompleted} rounds, final accuracy ${summary.finalAccuracy === null ? 'n/a' : `${(100 * summary.finalAccuracy).toFixed(2)}%`}` +
        ` (initial ${report.initial.accuracy === null ? 'n/a' : `${(100 * report.initial.accuracy).toFixed(2)}%`}),` +
        ` up ${formatBytes(summary.totalBytesUp)}, down ${formatBytes(summary.totalBytesDown)}, ${(summary.wallTimeMs / 1000).toFixed(1)}s`,
      `report: ${file}`,
      `charts: ${htmlFile}`,
      ...(modelWritten
        ? [`model:  ${join(modelDir, 'deployment.json')} (TF.js, ONNX, TFLite, sparse .efls artifacts)`]
        : []),
      '',
    ].join('\n'),
  );
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    // The errors that say what to do are printed as they are; anything else with its stack.
    const named = error instanceof TooFewClientsError || error instanceof OpenFileLimitError;
    process.stderr.write(`edgefl-sim: ${named ? error.message : (error.stack ?? error.message)}\n`);
    process.exit(1);
  },
);
