import { chromium } from 'playwright-core';
import {
  HARNESS_GLOBAL,
  type ArtifactPageServer,
  type BrowserArtifactHarness,
  type BrowserRuntime,
  type BrowserTiming,
  type BrowserTimingRequest,
} from '@edgefl/model-export/browser-harness';
import { headlessLaunchOptions } from '@edgefl/chromium-tools';
import { rendererPeakRssMb } from './chromium-renderer-memory';

/** One (artifact, runtime) pair timed in headless Chromium. */
export interface ChromiumMeasurement extends BrowserTiming {
  /** Peak RSS of the page's renderer process (/proc VmHWM), MB. */
  rendererPeakRssMb: number | null;
}

/** What {@link measureInChromium} times. */
export interface ChromiumTimingPlan {
  runtime: BrowserRuntime;
  /** The artifact's path under the served root (a TF.js folder, a `.onnx` or `.tflite` file). */
  artifact: string;
  /** TFLite: the batch-`batch` copy of the artifact under the served root. */
  batchArtifact?: string;
  imageShape: [number, number, number];
  imagesFile: string;
  calls: number;
  warmupCalls: number;
  batch: number;
  batchRounds: number;
}

/**
 * Times one artifact in one runtime in a fresh headless Chromium (its own browser process, so the
 * renderer's peak RSS is this pair's): `--no-sandbox`, one page on `server`, single-threaded wasm.
 *
 * @example
 * const measured = await measureInChromium(server, { runtime: 'tfjs-wasm', artifact: 'tfjs-float32', ... });
 */
export async function measureInChromium(
  server: ArtifactPageServer,
  plan: ChromiumTimingPlan,
): Promise<ChromiumMeasurement> {
  const browserServer = await chromium.launchServer(headlessLaunchOptions(chromium));
  try {
    const browser = await chromium.connect(browserServer.wsEndpoint());
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(server.url);
    const request: BrowserTimingRequest = {
      runtime: plan.runtime,
      url: server.fileUrl(plan.runtime === 'tfjs-wasm' ? `${plan.artifact}/model.json` : plan.artifact),
      batchUrl: plan.batchArtifact === undefined ? undefined : server.fileUrl(plan.batchArtifact),
      imageShape: plan.imageShape,
      imagesUrl: server.fileUrl(plan.imagesFile),
      warmupCalls: plan.warmupCalls,
      calls: plan.calls,
      batch: plan.batch,
      batchRounds: plan.batchRounds,
    };
    const timing = await page.evaluate(
      ([name, r]) => (globalThis as unknown as Record<string, BrowserArtifactHarness>)[name].time(r),
      [HARNESS_GLOBAL, request] as const,
    );
    const pid = browserServer.process().pid;
    const measurement = { ...timing, rendererPeakRssMb: pid === undefined ? null : rendererPeakRssMb(pid) };
    if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
    await browser.close();
    return measurement;
  } finally {
    await browserServer.close();
  }
}
