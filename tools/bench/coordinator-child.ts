import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { LocalDataset } from '@edgefl/runtime';

/** The repository root (the benches run from their sources). */
export const ROOT = resolve(__dirname, '../..');
const CLI = join(ROOT, 'apps/coordinator/bin/edgefl-coordinator.cjs');

/**
 * Starts the coordinator CLI as a child process with `args` (add `--port 0`) and resolves with the
 * URL of its `ready` log line; rejects if it exits first. Its stdout is read line by line for that
 * record (lines that are not JSON are skipped); stderr is inherited.
 */
export async function startCoordinatorChild(args: readonly string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolvePromise, reject) => {
    let buffer = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        if (!line.startsWith('{')) continue;
        try {
          const record = JSON.parse(line) as { msg?: string; url?: string };
          if (record.msg === 'ready' && record.url) resolvePromise(record.url);
        } catch {
          // not a log line
        }
      }
      if (buffer.length > 1 << 20) buffer = '';
    });
    child.once('exit', (code) => reject(new Error(`coordinator exited with ${code} before it was ready`)));
  });
  return { child, url };
}

/**
 * The coordinator flags the light benches share: the smallest reference CNN (--input-size 8
 * --widths 2, 343 parameters), no evaluation, plain (not secure) rounds, retries after 100 ms.
 */
export function lightCoordinatorArgs(roundTimeoutMs: number): string[] {
  const model = ['--input-size', '8', '--widths', '2', '--eval-dataset', 'none'];
  return [...model, '--round-timeout', String(roundTimeoutMs), '--retry-delay', '100', '--no-secure'];
}

/** `count` empty 8x8 examples: all a light client (`LightTrainer`) needs. */
export function lightData(count: number): LocalDataset {
  return { images: new Float32Array(count * 64), labels: new Uint8Array(count), shape: [8, 8, 1], classes: 10, count };
}
