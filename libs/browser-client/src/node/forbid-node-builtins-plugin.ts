import { builtinModules } from 'node:module';
import { isAbsolute, sep } from 'node:path';
import type { Plugin } from 'esbuild';

const BUILTINS = new Set(builtinModules.filter((name) => !name.startsWith('_')));
const BUILTIN_FILTER = new RegExp(
  `^(node:.*|(${[...BUILTINS].map((name) => name.replace(/[/.]/g, '\\$&')).join('|')})(/.*)?)$`,
);
const INNER = Symbol('forbid-node-builtins: resolving');

/**
 * An esbuild plugin that fails the build when a Node built-in (`fs`, `node:path`, ...) would
 * reach a browser bundle. Third-party packages may still name built-ins their `browser` field
 * disables (tfjs does: `"fs": false`), or that resolve to an installed polyfill package; our own
 * code may not import them at all, and `node:` specifiers are refused everywhere.
 *
 * @example
 * await esbuild.build({ entryPoints: ['src/browser-entry.ts'], bundle: true, platform: 'browser', plugins: [forbidNodeBuiltins()] });
 */
export function forbidNodeBuiltins(): Plugin {
  return {
    name: 'forbid-node-builtins',
    setup(build) {
      build.onResolve({ filter: BUILTIN_FILTER }, async (args) => {
        if (args.pluginData === INNER) return undefined;
        const name = args.path.replace(/^node:/, '').split('/')[0];
        if (!BUILTINS.has(name)) return undefined;
        const refuse = (why: string) => ({
          errors: [{ text: `Node built-in "${args.path}" imported by ${args.importer || '<entry>'}: ${why}` }],
        });
        if (args.path.startsWith('node:')) return refuse('a browser bundle cannot use node: modules');
        const thirdParty = args.importer.split(sep).includes('node_modules');
        if (!thirdParty) return refuse('browser code must not import Node built-ins');
        const resolved = await build.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: INNER,
        });
        // A `browser` field mapping to false resolves without errors to the bare name (esbuild's "(disabled)").
        const disabled = resolved.errors.length === 0 && !isAbsolute(resolved.path);
        const polyfill = resolved.errors.length === 0 && resolved.path.split(sep).includes('node_modules');
        if (disabled || polyfill) return undefined;
        return refuse('its package does not disable it for browsers (package.json "browser" field)');
      });
    },
  };
}
