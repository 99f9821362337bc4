import type { BrowserType, LaunchOptions } from 'playwright-core';
import { findChromium } from './find-chromium';

/**
 * How the browser tests (and the package check) launch Chromium: the executable
 * {@link findChromium} picks for this copy of playwright-core, headless, as root, with nothing
 * phoning home (the flags that keep it from reaching for a network this machine does not have).
 * Takes the caller's `chromium` so that a check running an installed playwright-core uses that copy.
 *
 * @example
 * const browser = await chromium.launch(headlessLaunchOptions(chromium));
 */
export function headlessLaunchOptions(chromium: Pick<BrowserType, 'executablePath'>): LaunchOptions {
  return {
    executablePath: findChromium({ playwrightExecutablePath: () => chromium.executablePath() }),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  };
}
