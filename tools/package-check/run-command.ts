import { spawn } from 'node:child_process';
import type { ChildProcess, SpawnOptions } from 'node:child_process';

/** A finished command. */
export interface CommandResult {
  code: number | null;
  output: string;
}

/**
 * Runs a command to completion, collecting stdout and stderr together; rejects with the output
 * when it exits non-zero or outlives `timeoutMs`.
 *
 * @example
 * await runCommand('npm', ['pack', '--json'], { cwd: root });
 */
export function runCommand(
  command: string,
  args: string[],
  options: SpawnOptions & { timeoutMs?: number } = {},
): Promise<CommandResult> {
  const { timeoutMs = 600_000, ...spawnOptions } = options;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...spawnOptions, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const line = `${command} ${args.join(' ')}`;
      if (code === 0) resolve({ code, output });
      else
        reject(
          new Error(
            `${line} ${signal ? `was killed (${signal}, timeout ${timeoutMs} ms)` : `exited with ${code}`}\n${output}`,
          ),
        );
    });
  });
}

/** A long-running process started by {@link startProcess}. */
export interface RunningProcess {
  child: ChildProcess;
  /** Everything it printed so far. */
  output(): string;
  /** Resolves with the first output line that `match` accepts; rejects if the process exits first or after `timeoutMs`. */
  waitForLine(match: (line: string) => boolean, timeoutMs: number): Promise<string>;
  /** Settles with the exit code. */
  exited: Promise<number | null>;
  /** Ends the process and everything it started (its process group). */
  stop(): Promise<void>;
}

/**
 * Starts a long-running process in its own process group (so `npx` and the program it starts
 * stop together), collecting its output line by line.
 *
 * @example
 * const coordinator = startProcess('npx', ['edgefl-coordinator', '--port', '0'], { cwd: app });
 * const ready = await coordinator.waitForLine((line) => line.includes('"ready"'), 60_000);
 */
export function startProcess(command: string, args: string[], options: SpawnOptions = {}): RunningProcess {
  const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const watchers = new Set<(line: string) => void>();
  let partial = '';
  const collect = (chunk: Buffer): void => {
    const text = chunk.toString('utf8');
    output += text;
    const lines = (partial + text).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) for (const watcher of watchers) watcher(line);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const waitForLine = (match: (line: string) => boolean, timeoutMs: number): Promise<string> =>
    new Promise((resolve, reject) => {
      const seen = output.split('\n').find(match);
      if (seen !== undefined) return resolve(seen);
      const timer = setTimeout(
        () => finish(new Error(`no matching line within ${timeoutMs} ms from ${command} ${args.join(' ')}\n${output}`)),
        timeoutMs,
      );
      const watcher = (line: string): void => {
        if (match(line)) finish(undefined, line);
      };
      function finish(error: Error | undefined, line?: string): void {
        clearTimeout(timer);
        watchers.delete(watcher);
        if (error) reject(error);
        else resolve(line as string);
      }
      watchers.add(watcher);
      void exited.then((code) =>
        finish(new Error(`${command} ${args.join(' ')} exited with ${code} before the expected line\n${output}`)),
      );
    });
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-(child.pid as number), 'SIGKILL');
        } catch {
          // already gone
        }
      }, 5_000);
      await exited;
      clearTimeout(timer);
    }
  };
  return { child, output: () => output, waitForLine, exited, stop };
}
