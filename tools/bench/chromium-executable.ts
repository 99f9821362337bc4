import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { chromium } from 'playwright-core';

/**
 * The Chromium the bench launches, looked up like the browser tests do (apps/e2e's
 * find-chromium): `CHROMIUM_PATH`, else Playwright's own Chromium when installed, else
 * `chromium` / `chromium-browser` / `google-chrome` on PATH. Throws naming the places it looked.
 *
 * @example
 * await chromium.launch({ executablePath: chromiumExecutable() });
 */
export function chromiumExecutable(env: NodeJS.ProcessEnv = process.env): string {
  const executable = (path: string) => {
    try {
      accessSync(path, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  if (env.CHROMIUM_PATH) {
    if (executable(env.CHROMIUM_PATH)) return env.CHROMIUM_PATH;
    throw new Error(`CHROMIUM_PATH=${env.CHROMIUM_PATH} is not an executable file`);
  }
  const candidates = [chromium.executablePath()];
  for (const name of ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome'])
    for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) candidates.push(join(dir, name));
  const found = candidates.find(executable);
  if (found === undefined)
    throw new Error(`no Chromium: set CHROMIUM_PATH or apt-get install chromium (looked at ${candidates.join(', ')})`);
  return found;
}
