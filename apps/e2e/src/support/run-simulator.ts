import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../../..');
// The sources through tsx, as the other CLI tests do: tests do not depend on a build.
const SIMULATOR = [process.execPath, '--require', 'tsx/cjs', join(ROOT, 'apps/simulator/src/main.ts')];

/** How an `edgefl-sim` run of {@link runSimulator} ended: its exit code and all it printed. */
export interface SimulatorRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `edgefl-sim args` from sources to its end, from the repository root. With `openFileLimit`,
 * under `ulimit -n openFileLimit` (soft and hard, set by bash before it execs node), and without
 * tsx's compile cache: with an empty cache (a fresh machine) tsx's cache writes held enough
 * descriptors while the sources loaded to fail with EMFILE before the simulator ran, so the limit
 * measured the compiler instead of the sockets.
 *
 * @example
 * const { code, stdout } = await runSimulator(['--light', '--clients', '3', '--out', dir], 120);
 */
export function runSimulator(args: readonly string[], openFileLimit?: number): Promise<SimulatorRun> {
  const simulator = [...SIMULATOR, ...args];
  const [file, ...argv] =
    openFileLimit === undefined
      ? simulator
      : ['bash', '-c', `ulimit -n ${openFileLimit} && exec ${simulator.map((word) => `'${word}'`).join(' ')}`];
  return new Promise((done, fail) => {
    const env = openFileLimit === undefined ? process.env : { ...process.env, TSX_DISABLE_CACHE: '1' };
    const child = spawn(file, argv, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}
