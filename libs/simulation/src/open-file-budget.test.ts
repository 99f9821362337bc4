import {
  OpenFileLimitError,
  assertClientsFitOpenFileLimit,
  assertOpenFileBudget,
  coordinatorNeedsOwnProcess,
  openFilesNeeded,
  readOpenFileLimit,
} from './open-file-budget';
import { runSimulation } from './run-simulation';
import { lightSyntheticRun } from './testing/light-synthetic-run';

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

  it('gives the coordinator its own process when both ends do not fit, and refuses only more clients than open files', () => {
    expect(coordinatorNeedsOwnProcess(10_000, 20_000)).toBe(true);
    expect(coordinatorNeedsOwnProcess(9_872, 20_000)).toBe(false);
    expect(coordinatorNeedsOwnProcess(10_000, Number.POSITIVE_INFINITY)).toBe(false);
    expect(() => assertClientsFitOpenFileLimit(20_000, 20_000)).not.toThrow();
    expect(() => assertClientsFitOpenFileLimit(20_001, 20_000)).toThrow(OpenFileLimitError);
    expect(() => assertClientsFitOpenFileLimit(1_000_000, Number.POSITIVE_INFINITY)).not.toThrow();
  });

  it('stops a simulation with more clients than open files before any client starts, with a clear error', async () => {
    const limit = readOpenFileLimit();
    if (limit === undefined || !Number.isFinite(limit))
      throw new Error('this test needs a finite open-file limit in /proc/self/limits');
    // Fewer clients get the coordinator its own process and count those that fail (apps/e2e/src/simulator-open-file-limit.test.ts).
    const clients = limit + 1;
    await expect(runSimulation(lightSyntheticRun({ clients }))).rejects.toThrow(
      /needs about \d+ open files but the limit is \d+ \(ulimit -n\)/,
    );
  });
});
