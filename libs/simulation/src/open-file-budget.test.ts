import { OpenFileLimitError, assertOpenFileBudget, openFilesNeeded, readOpenFileLimit } from './open-file-budget';
import { runSimulation } from './run-simulation';
import { DEFAULT_SIMULATION_OPTIONS } from './simulation-options';

const LIMITS = `Limit                     Soft Limit           Hard Limit           Units
Max processes             63443                63443                processes
Max open files            20000                20000                files
`;

describe('open-file budget of a simulation', () => {
  it('reads the soft limit from /proc/self/limits text', () => {
    expect(readOpenFileLimit(LIMITS)).toBe(20_000);
    expect(readOpenFileLimit(LIMITS.replace('20000                20000', 'unlimited            unlimited'))).toBe(
      Number.POSITIVE_INFINITY,
    );
    expect(readOpenFileLimit('nothing here')).toBeUndefined();
  });

  it('counts both ends of each socket when the coordinator is embedded', () => {
    expect(openFilesNeeded(10_000, true)).toBe(20_256);
    expect(openFilesNeeded(10_000, false)).toBe(10_256);
    expect(() => assertOpenFileBudget(10_000, true, 20_000)).toThrow(OpenFileLimitError);
    expect(() => assertOpenFileBudget(10_000, false, 20_000)).not.toThrow();
  });

  it('stops a simulation that cannot open its sockets before any client starts, with a clear error', async () => {
    const limit = readOpenFileLimit();
    if (limit === undefined || !Number.isFinite(limit))
      throw new Error('this test needs a finite open-file limit in /proc/self/limits');
    const clients = Math.ceil(limit / 2);
    await expect(
      runSimulation({
        ...DEFAULT_SIMULATION_OPTIONS,
        clients,
        light: true,
        dataset: 'synthetic',
        inputSize: 8,
        widths: [2],
        samplesPerClient: 1,
        threads: 1,
        quiet: true,
      }),
    ).rejects.toThrow(/needs about \d+ open files but the limit is \d+ \(ulimit -n\)/);
  });
});
