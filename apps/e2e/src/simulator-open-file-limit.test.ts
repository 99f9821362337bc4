import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SimulationReport } from '@edgefl/simulation';
import { runSimulator } from './support/run-simulator';

/** Open files of the simulator process: soft and hard (node raises a soft limit to the hard one at start-up). */
const LIMIT = 120;
const CLIENTS = LIMIT;

const LIGHT_RUN = ['--light', '--no-secure', '--clients', String(CLIENTS), '--rounds', '2', '--threads', '1'];

describe(`edgefl-sim under ulimit -n ${LIMIT} with ${CLIENTS} clients (issue 16, item 20)`, () => {
  let out: string;
  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'edgefl-sim-nofile-'));
  });
  afterAll(async () => {
    await rm(out, { recursive: true, force: true });
  });

  it('runs the coordinator in its own process, reports how many clients could not connect and why, and starts with those connected', async () => {
    const dir = join(out, 'enough');
    const result = await runSimulator([...LIGHT_RUN, '--per-round', '10', '--seed', '3', '--out', dir], LIMIT);
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    expect(result.stdout).toContain("(in its own process: this one holds only the clients' socket ends)");
    // The process's own descriptors (node, the IPC channel, stdio) leave fewer than LIMIT for sockets.
    const [, failed, perReason] = /(\d+) of 120 clients could not connect: EMFILE x(\d+)\n/.exec(result.stdout) ?? [];
    expect(Number(failed)).toBeGreaterThan(0);
    expect(perReason).toBe(failed);
    const connected = CLIENTS - Number(failed);
    expect(result.stdout).toContain(`starting with the ${connected} clients connected`);

    const report = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8')) as SimulationReport;
    expect(report.summary.connections).toEqual({
      expected: CLIENTS,
      connected,
      failed: Number(failed),
      failures: { EMFILE: Number(failed) },
    });
    expect(report.rounds.map((round) => [round.round, round.participants])).toEqual([
      [1, 10],
      [2, 10],
    ]);
  });

  it('stops with a clear error, before any round, when those connected cannot make a round (--min-reports)', async () => {
    const dir = join(out, 'too-few');
    const result = await runSimulator(
      [
        ...LIGHT_RUN,
        ...['--per-round', String(CLIENTS), '--min-reports', String(CLIENTS), '--seed', '3', '--out', dir],
      ],
      LIMIT,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^edgefl-sim: (\d+) of 120 clients could not connect: EMFILE x\1; only (\d+) connected and a round needs 120 \(--min-reports\): raise the open-file limit \(ulimit -n\)/,
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).not.toContain('starting with');
    expect(result.stdout).not.toMatch(/^round /m);
    expect(existsSync(join(dir, 'report.json'))).toBe(false);
  });
});
