import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { formatBytes, formatRoundLine } from './format-round-line';
import { runSimulation } from './run-simulation';
import { SIMULATION_HELP, parseSimulationArgs } from './simulation-options';

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
  const print = (line: string): void => {
    if (!options.quiet) process.stdout.write(`${line}\n`);
  };
  const report = await runSimulation(options, {
    onStart: ({ url, dataset, clients, modelParams, backend }) =>
      print(`edgefl-sim: ${clients} clients on ${dataset}, ${modelParams} parameters, backend ${backend}, coordinator ${url}`),
    onInitial: ({ accuracy, loss }) => print(`round   0  acc ${(100 * accuracy).toFixed(2)}%  loss ${loss.toFixed(4)}  (initial model)`),
    onRound: (row) => print(formatRoundLine(row)),
    onAbandoned: (record) => print(`round ${String(record.round).padStart(3)}  attempt ${record.attempt} abandoned: ${record.reason}`),
  });
  const outDir = resolve(options.out);
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, 'report.json');
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  const { summary } = report;
  process.stdout.write(
    [
      '',
      `summary: ${summary.roundsCompleted} rounds, final accuracy ${summary.finalAccuracy === null ? 'n/a' : `${(100 * summary.finalAccuracy).toFixed(2)}%`}` +
        ` (initial ${report.initial.accuracy === null ? 'n/a' : `${(100 * report.initial.accuracy).toFixed(2)}%`}),` +
        ` up ${formatBytes(summary.totalBytesUp)}, down ${formatBytes(summary.totalBytesDown)}, ${(summary.wallTimeMs / 1000).toFixed(1)}s`,
      `report: ${file}`,
      '',
    ].join('\n'),
  );
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    process.stderr.write(`edgefl-sim: ${error.stack ?? error.message}\n`);
    process.exit(1);
  },
);
