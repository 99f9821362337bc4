import type { ChildProcess } from 'node:child_process';

/**
 * Follows a coordinator CLI child: every complete non-empty line of its stdout and stderr goes to
 * `lines`, and the promise resolves with the URL of its `ready` log line (printed once the server
 * listens, with the port it bound: `--port 0` picks a free one), or rejects, with the last lines,
 * if the child exits before.
 *
 * @example
 * const url = await followCoordinatorLog(child, lines); // 'http://127.0.0.1:40123'
 */
export function followCoordinatorLog(child: ChildProcess, lines: string[]): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let partial = '';
    const collect = (chunk: Buffer): void => {
      const text = partial + chunk.toString('utf8');
      const complete = text.split('\n');
      partial = complete.pop() ?? '';
      for (const line of complete.filter((l) => l.length > 0)) {
        lines.push(line);
        if (!line.startsWith('{')) continue;
        const entry = JSON.parse(line) as { msg?: string; url?: string };
        if (entry.msg === 'ready' && entry.url) resolve(entry.url);
      }
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.once('exit', (code, signal) =>
      reject(new Error(`coordinator exited (${signal ?? code}) before it was ready:\n${lines.slice(-30).join('\n')}`)),
    );
  });
}
