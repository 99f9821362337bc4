import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The variable that names the Chromium (or Chrome) executable the browser tests launch. */
export const CHROMIUM_PATH_VARIABLE = 'CHROMIUM_PATH';

/** Executable names of a system Chromium or Chrome, looked up on PATH in this order. */
export const SYSTEM_CHROMIUM_NAMES = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome'] as const;

/** No Chromium could be found; the message says where it looked and how to provide one. */
export class ChromiumNotFoundError extends Error {
  constructor(readonly tried: string[]) {
    super(
      `no Chromium to launch; looked at:\n${tried.map((place) => `  - ${place}`).join('\n')}\n` +
        `Set ${CHROMIUM_PATH_VARIABLE} to a Chromium or Chrome executable, install Playwright's own ` +
        `(npx playwright-core install chromium), or install a system one (apt-get install chromium).`,
    );
    this.name = 'ChromiumNotFoundError';
  }
}

/** Where {@link findChromium} looks; every field defaults to this process and this machine. */
export interface FindChromiumOptions {
  /** Environment to read `CHROMIUM_PATH` and `PATH` from; `process.env` by default. */
  env?: NodeJS.ProcessEnv;
  /**
   * Where Playwright expects its own browser: playwright-core's `chromium.executablePath()`, which
   * honours `PLAYWRIGHT_BROWSERS_PATH`. It may name a file that was never installed.
   */
  playwrightExecutablePath?: () => string;
  /** Whether `path` is an executable file; the file system by default. */
  isExecutable?: (path: string) => boolean;
}

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The Chromium executable for browser tests, the way playwright-core documents choosing one: an
 * explicit `executablePath` when the caller names a browser, else the browser Playwright installed.
 * Order:
 *  1. `CHROMIUM_PATH`, when set (an error if it names no executable file: a typo must not fall through);
 *  2. Playwright's own Chromium (`chromium.executablePath()`), when that file is installed;
 *  3. a system Chromium or Chrome on `PATH` ({@link SYSTEM_CHROMIUM_NAMES}).
 * Throws {@link ChromiumNotFoundError}, naming every place it looked, when none is there.
 *
 * @example
 * import { chromium } from 'playwright-core';
 * const browser = await chromium.launch({ executablePath: findChromium({ playwrightExecutablePath: () => chromium.executablePath() }) });
 */
export function findChromium(options: FindChromiumOptions = {}): string {
  const env = options.env ?? process.env;
  const isExecutable = options.isExecutable ?? isExecutableFile;
  const explicit = env[CHROMIUM_PATH_VARIABLE];
  if (explicit !== undefined && explicit !== '') {
    if (isExecutable(explicit)) return explicit;
    throw new ChromiumNotFoundError([`${CHROMIUM_PATH_VARIABLE}=${explicit}: not an executable file`]);
  }
  const tried = [`${CHROMIUM_PATH_VARIABLE}: not set`];
  if (options.playwrightExecutablePath) {
    let bundled: string | undefined;
    try {
      bundled = options.playwrightExecutablePath();
    } catch (error) {
      tried.push(`Playwright's chromium.executablePath(): ${(error as Error).message}`);
    }
    if (bundled !== undefined) {
      if (isExecutable(bundled)) return bundled;
      tried.push(`Playwright's own Chromium: ${bundled} is not installed`);
    }
  }
  const directories = (env.PATH ?? '').split(delimiter).filter((directory) => directory !== '');
  for (const name of SYSTEM_CHROMIUM_NAMES) {
    for (const directory of directories) {
      const candidate = join(directory, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  tried.push(`${SYSTEM_CHROMIUM_NAMES.join(', ')} on PATH (${directories.join(delimiter) || 'empty'}): none found`);
  throw new ChromiumNotFoundError(tried);
}
