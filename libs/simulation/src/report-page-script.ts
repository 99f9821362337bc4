import { loadBrowserScript } from '@edgefl/dashboard/browser-script';

/**
 * report.html's drawing script: browser/report-page.ts bundled by esbuild (at build time, or on
 * first use when running from sources).
 *
 * @example
 * `<script>${reportPageScript()}</script>`;
 */
export function reportPageScript(): string {
  return loadBrowserScript(__dirname, 'report-page');
}
