import { readdirSync, readFileSync } from 'node:fs';

function readProc(pid: number, file: string): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Peak resident memory (`VmHWM` of /proc/PID/status, MB) of the largest Chromium renderer process
 * descended from the browser process `browserPid` (Linux only; null elsewhere or when none is
 * found). A page's wasm memory lives in its renderer, where `performance.memory` does not see it.
 *
 * @example
 * const server = await chromium.launchServer({ ... });
 * rendererPeakRssMb(server.process().pid!);
 */
export function rendererPeakRssMb(browserPid: number): number | null {
  let pids: number[];
  try {
    pids = readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .map(Number);
  } catch {
    return null;
  }
  const parent = new Map<number, number>();
  for (const pid of pids) {
    const stat = readProc(pid, 'stat');
    // Field 4 (ppid) follows the parenthesised command name, which may contain spaces.
    const ppid = stat === undefined ? undefined : Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid !== undefined) parent.set(pid, ppid);
  }
  const descends = (pid: number): boolean => {
    for (let at = parent.get(pid); at !== undefined && at > 1; at = parent.get(at)) if (at === browserPid) return true;
    return false;
  };
  let peak: number | null = null;
  for (const pid of pids) {
    if (!descends(pid) || !(readProc(pid, 'cmdline') ?? '').includes('--type=renderer')) continue;
    const match = /VmHWM:\s+(\d+) kB/.exec(readProc(pid, 'status') ?? '');
    if (match) peak = Math.max(peak ?? 0, Number(match[1]) / 1024);
  }
  return peak;
}
