import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { headlessLaunchOptions } from '@edgefl/chromium-tools';

/**
 * Chromium (`CHROMIUM_PATH`, else Playwright's own, else a system one: see {@link headlessLaunchOptions}),
 * headless, as root, with nothing phoning home: the flags that keep it from reaching for the
 * network this machine does not have.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch(headlessLaunchOptions(chromium));
}

/** Collects a page's console errors and uncaught exceptions. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}
