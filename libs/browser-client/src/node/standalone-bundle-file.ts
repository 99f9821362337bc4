import { createRequire } from 'node:module';

/** The subpath of this package's `exports` that names the standalone script. */
export const STANDALONE_BUNDLE_EXPORT = '@edgefl/browser-client/standalone';

/**
 * The path of the standalone SDK script (`window.EdgeFL`) that this package ships in
 * `dist/browser/edgefl.min.js`, built ahead of time by the package's build. Resolved through the
 * package's own `exports`, so it works from the compiled package and, after `npm run build`,
 * from the workspace. Throws Node's `MODULE_NOT_FOUND` error when the file is not there.
 *
 * @example
 * readFileSync(standaloneBundleFile(), 'utf8').startsWith('"use strict";'); // true
 */
export function standaloneBundleFile(): string {
  // createRequire rather than a bare `require`, so the compiled ES module resolves the same way.
  return createRequire(__filename).resolve(STANDALONE_BUNDLE_EXPORT);
}
