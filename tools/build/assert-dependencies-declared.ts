import { builtinModules } from 'node:module';

const BUILTINS = new Set(builtinModules);

/**
 * The package an import specifier names: `@scope/name` or `name`, without a subpath; null for
 * Node built-ins (`fs`, `node:path`).
 *
 * @example
 * packageOf('@edgefl/runtime/node'); // '@edgefl/runtime'
 * packageOf('node:fs'); // null
 */
export function packageOf(specifier: string): string | null {
  if (specifier.startsWith('node:') || BUILTINS.has(specifier) || BUILTINS.has(specifier.split('/')[0])) return null;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/**
 * Fails the build when the compiled code imports a package its package.json does not declare
 * (in `dependencies`, `peerDependencies` or `optionalDependencies`): inside the workspace every
 * package resolves from the root node_modules, so only a build can notice that an installed
 * package would miss one.
 *
 * @example
 * assertDependenciesDeclared('@edgefl/client', ['socket.io-client', 'node:fs'], ['socket.io-client']); // passes
 */
export function assertDependenciesDeclared(
  name: string,
  imported: Iterable<string>,
  declared: readonly string[],
): void {
  const missing = new Set<string>();
  for (const specifier of imported) {
    const pkg = packageOf(specifier);
    if (pkg !== null && pkg !== name && !declared.includes(pkg)) missing.add(pkg);
  }
  if (missing.size > 0) {
    throw new Error(
      `${name} imports ${[...missing].sort().join(', ')} without declaring ${missing.size === 1 ? 'it' : 'them'} in package.json (dependencies or peerDependencies)`,
    );
  }
}
