export { ChromiumNotFoundError, findChromium } from './find-chromium';
export type { FindChromiumOptions } from './find-chromium';
export { headlessLaunchOptions } from './headless-launch-options';
