import { escapeHtml } from './escape-html';
import { jsonForScript } from './json-for-script';

/** What {@link renderPageHead} puts in a page's `<head>`. */
export interface PageHeadOptions {
  /** The page title, escaped here. */
  title: string;
  /** CSS of the page, inlined in a `<style>` element (trusted: written by us). */
  style: string;
  /** The id of the JSON config block the page's script reads, and the config itself (escaped for a script element). */
  configId: string;
  config: unknown;
}

/**
 * The start of an EdgeFL page up to its `<body>`: doctype, UTF-8, viewport, no referrer, no
 * favicon request, the escaped title, the inline style and the page's config as a JSON block that
 * cannot close its script element.
 *
 * @example
 * `${renderPageHead({ title: 'EdgeFL run', style: CSS, configId: 'edgefl-config', config })}<header>...`;
 */
export function renderPageHead(options: PageHeadOptions): string {
  const { title, style, configId, config } = options;
  if (!/^[a-z][a-z0-9-]*$/.test(configId)) throw new RangeError(`configId must be a kebab-case id, got ${configId}`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>${escapeHtml(title)}</title>
<style>${style}</style>
<script type="application/json" id="${configId}">${jsonForScript(config)}</script>
</head>
<body>
`;
}
