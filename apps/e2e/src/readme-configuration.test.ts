import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DEFAULT_COORDINATOR_CONFIG,
  DEFAULT_DOWNLINK,
  DEFAULT_EDGE_GUARD_CONFIG,
  DEFAULT_OPEN_REGISTRY_LIMITS,
  DEFAULT_UPDATE_DEFENCE,
  updateEncodingDefaults,
} from '@edgefl/coordinator';
import { DEFAULT_MODEL_SPEC } from '@edgefl/protocol';
import { DEFAULT_SIMULATION_OPTIONS } from '@edgefl/simulation';

const ROOT = join(__dirname, '../../..');

/** `| a | b | c | d |` rows of README's "## Configuration" table, header and rule left out. */
function configurationTable(): { setting: string; defaultValue: string }[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## Configuration\n'), readme.indexOf('\n## Development\n'));
  const rows = section
    .split('\n')
    .filter((line) => line.startsWith('| '))
    .map((line) =>
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim()),
    );
  expect(rows[0]).toEqual(['setting', 'coordinator flag', 'simulator flag', 'default']);
  return rows.slice(2).map((cells) => ({ setting: cells[0], defaultValue: cells[cells.length - 1] }));
}

/** A CLI's `--help`, run from sources as the tests run everything. */
function help(main: string): string {
  return execFileSync(process.execPath, ['--require', 'tsx/cjs', join(ROOT, main), '--help'], { encoding: 'utf8' });
}

/** The help line of `flag`, with its continuation lines. */
function helpLine(text: string, flag: string): string {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line.trimStart().startsWith(`${flag} `));
  if (start < 0) throw new Error(`the help has no ${flag}`);
  let end = start + 1;
  while (end < lines.length && /^ {20,}\S/.test(lines[end])) end += 1;
  return lines.slice(start, end).join(' ').replace(/\s+/g, ' ');
}

describe("README's configuration table states the defaults of the one definition (issue 16, item 13)", () => {
  const D = DEFAULT_COORDINATOR_CONFIG;
  const encoding = updateEncodingDefaults();
  const edge = DEFAULT_EDGE_GUARD_CONFIG;
  const secure = D.secure;
  const model = DEFAULT_MODEL_SPEC;
  /** Rows whose default is a library constant: the exact cell README must show. */
  const fromCode: Record<string, string> = {
    rounds: `${D.rounds}`,
    'reports wanted per round': `${D.clientsPerRound}`,
    'over-selection': `${D.overSelection}`,
    'fewest reports that make a round': `${D.minReports} (sim: half the goal)`,
    'reporting deadline': `${D.roundTimeoutMs}`,
    'adaptive stage deadline: once a stage has what the round needs after T ms, the rest get max(min, factor x T)': `${D.stageGraceFactor} / ${D.stageGraceMinMs} (factor 0: wait for the deadline)`,
    'abandoned attempts in a row that quarantine nobody new before the run stops': `${D.maxAttemptsPerRound}`,
    'quarantine: suspicion score, duration in completed rounds, distinct peers one client may accuse': `${D.suspicion.quarantineScore} / ${D.suspicion.quarantineRounds} / ${D.suspicion.maxAccusedPerClient}`,
    'local epochs / batch / lr / optimizer': `${D.training.epochs} / ${D.training.batchSize} / ${D.training.learningRate} / ${D.training.optimizer}`,
    'secure aggregation': encoding.secure ? 'secure' : 'plain (`--no-secure`)',
    'update encoding': `${encoding.secureBits} when secure, ${encoding.plainBits} with \`--no-secure\` / ${encoding.chunkSize} / off`,
    model: `${model.inputShape[0]} / ${model.widths.join(',')}`,
    'largest update payload': `${D.limits.maxUpdateBytes / 2 ** 20} MiB`,
    'plain rounds: L2 bound per update (clipped to it)': `${DEFAULT_UPDATE_DEFENCE.maxUpdateNorm}`,
    "clients' learning rate across rounds": D.learningRateSchedule.kind,
    'sample cap (plain: FedAvg weight min(n, N); secure: min(n, N) / N)': `${secure ? secure.weightCap : DEFAULT_UPDATE_DEFENCE.sampleCap} (sim: largest shard)`,
    'open mode: client registry cap / expiry': `${DEFAULT_OPEN_REGISTRY_LIMITS.maxClients} / ${DEFAULT_OPEN_REGISTRY_LIMITS.ttlMs / 86_400_000}`,
    'live connections in all': `${edge.maxConnections}`,
    'connections not yet enrolled, overall / per address': `${edge.maxPendingConnections} / ${edge.maxPendingPerAddress}`,
    'time to enroll before the connection is closed': `${edge.enrollmentTimeoutMs}`,
    'largest socket.io CONNECT packet (auth payload)': `${edge.maxConnectBytes}`,
    'failed authentications per address per minute': `${edge.maxAuthFailures}`,
    "browser origins allowed besides the coordinator's own": `${edge.allowedOrigins.length === 0 ? 'none' : edge.allowedOrigins.join(',')} (native clients without \`Origin\` always allowed)`,
    'differential privacy': D.dp === undefined ? 'off' : 'on',
  };
  /** Rows whose default lives in the CLIs only: the cell README must show, and what `--help` must say of each flag. */
  const fromHelp: Record<string, { cell: string; flags: Record<string, string> }> = {
    'tfjs backend': { cell: 'auto (env `EDGEFL_BACKEND`)', flags: { '--backend B': 'auto' } },
    'plain rounds: aggregator': {
      cell: `${DEFAULT_UPDATE_DEFENCE.aggregator.kind} (trim 0.2, byzantine 1, select reports - F)`,
      flags: { '--aggregator A': 'fedavg', '--trim F': '0.2', '--byzantine F': '1', '--krum-select M': 'reports - F' },
    },
    "server optimizer on each round's aggregate (plain and secure)": {
      cell: `${D.serverOptimizer.kind} (lr 1; fedavgm: momentum 0.9, lr 1 - momentum; adaptive: lr 0.01, 0.9, 0.99, tau 1e-3)`,
      flags: {
        '--server-lr LR': '1 for fedavg, 1 - momentum for fedavgm, 0.01',
        '--server-momentum B': '0.9',
        '--beta1 B': '0.9',
        '--beta2 B': '0.99',
        '--tau T': '1e-3',
      },
    },
    'FedProx proximal term on the clients': { cell: '0 (off)', flags: { '--proximal-mu MU': '0: off' } },
    'local work in steps instead of epochs': { cell: 'epochs', flags: { '--local-steps N': 'epochs' } },
    'downlink: quantized model deltas to clients holding an earlier model': {
      cell: `${D.downlink ? D.downlink.bits : '32 (off)'} / ${DEFAULT_DOWNLINK.maxLag}`,
      flags: {
        '--downlink-bits B': `${D.downlink ? D.downlink.bits : 32}`,
        '--downlink-max-lag N': `${DEFAULT_DOWNLINK.maxLag}`,
      },
    },
    'admin token: dashboard, `/api/status`, `/metrics`': { cell: 'none (public)', flags: {} },
    'extra token accepted by `/metrics`': { cell: 'none', flags: {} },
    'heartbeat: ping every / close a connection whose pong is later than': {
      cell: '25000 / 60000',
      flags: { '--ping-interval MS': '25000', '--ping-timeout MS': '60000' },
    },
    'simultaneous dashboard viewers': { cell: '64', flags: { '--dashboard-max-viewers N': '64' } },
    'shutdown deadline: open connections destroyed after': {
      cell: '5000',
      flags: { '--shutdown-deadline MS': '5000' },
    },
    'pruning of the global model (sparsity, first round, every K rounds, ramp steps)': {
      cell: 'off / 2 / 1 / 4',
      flags: { '--prune-start R': '2', '--prune-every K': '1', '--prune-steps N': '4' },
    },
    'durable state: models, round log, client registry': {
      cell: 'in memory',
      flags: { '--state-dir DIR': 'in memory' },
    },
    "this node's id among the nodes of a run on Redis": {
      cell: '`node-` + 8 random hex digits',
      flags: { '--node-id ID': 'node- and 8 random hex digits' },
    },
    'deployment artifacts (TF.js, ONNX, TFLite, sparse `.efls`)': {
      cell: '`STATE_DIR/model`',
      flags: { '--model-dir DIR': 'STATE_DIR/model' },
    },
  };

  it('every row is checked, and every default it states is the code default', () => {
    const rows = configurationTable();
    expect(rows.length).toBeGreaterThan(30);
    const unchecked = rows.filter((row) => !(row.setting in fromCode) && !(row.setting in fromHelp));
    expect(unchecked.map((row) => row.setting)).toEqual([]);
    for (const row of rows) {
      const expected = fromCode[row.setting] ?? fromHelp[row.setting].cell;
      expect({ setting: row.setting, default: row.defaultValue }).toEqual({ setting: row.setting, default: expected });
    }
    expect(
      Object.keys({ ...fromCode, ...fromHelp }).filter((setting) => !rows.some((row) => row.setting === setting)),
    ).toEqual([]);
  });

  it('the secure aggregation table states the defaults of DEFAULT_SECURE_AGGREGATION and of the simulator', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(
      readme.indexOf('\n### Secure aggregation (the default)\n'),
      readme.indexOf('\n### Differential privacy\n'),
    );
    const rows = new Map(
      section
        .split('\n')
        .filter((line) => line.startsWith('| `'))
        .map((line) =>
          line
            .slice(1, -1)
            .split(' | ')
            .map((cell) => cell.trim()),
        )
        .map((cells) => [cells[0], cells[1]] as const),
    );
    if (!secure) throw new Error('the default is secure');
    expect(Object.fromEntries(rows)).toEqual({
      '`--secure` / `--no-secure`': encoding.secure ? 'secure' : 'plain',
      '`--bits B`': `${secure.bits} (secure), ${encoding.plainBits} (plain)`,
      '`--clip-range C`': `${secure.range}`,
      '`--neighbours K`, `--threshold T`': expect.stringMatching(/^chosen per round from n and `--expected-dropout`/),
      '`--expected-dropout P`': `${secure.expectedDropout}`,
      '`--corrupted-fraction G`': `${secure.corruptedFraction}`,
      '`--weight-cap N`': `coordinator: ${secure.weightCap}; simulator: the largest client shard`,
      '`--dropout P`': `${DEFAULT_SIMULATION_OPTIONS.dropout}`,
    });
  });

  it('the rows whose default lives in the CLI say what `edgefl-coordinator --help` says', () => {
    const text = help('apps/coordinator/src/main.ts');
    for (const { flags } of Object.values(fromHelp)) {
      for (const [flag, stated] of Object.entries(flags)) {
        const line = helpLine(text, flag);
        expect({ flag, default: line.slice(line.indexOf('default')).includes(stated) }).toEqual({
          flag,
          default: true,
        });
      }
    }
  });

  it('both CLIs state the secure default, its bits and weight cap as the table does', () => {
    const coordinator = help('apps/coordinator/src/main.ts');
    const simulator = help('apps/simulator/src/main.ts');
    for (const text of [coordinator, simulator]) {
      expect(helpLine(text, '--secure')).toContain('(default)');
      expect(helpLine(text, '--bits B')).toContain(`(default ${encoding.secureBits} when secure)`);
      expect(helpLine(text, '--bits B')).toContain(`default ${encoding.plainBits} then`);
      expect(helpLine(text, '--chunk-size N')).toContain(`(default ${encoding.chunkSize})`);
    }
    expect(helpLine(coordinator, '--weight-cap N')).toContain(`(default ${encoding.weightCap})`);
    expect(helpLine(simulator, '--weight-cap N')).toContain('(default: the largest client shard)');
    expect(DEFAULT_SIMULATION_OPTIONS).toMatchObject({ secure: encoding.secure, bits: encoding.secureBits });
  });
});
