import { join, relative } from 'node:path';
import ts from 'typescript';
import type { PackageEntries } from './package-entries';

const WORKSPACE = join(__dirname, '..', '..');

/**
 * Writes `dist/types/**.d.ts` for a package's library entries with tsc. Other `@edgefl/*`
 * packages resolve the way a consumer's would: through node_modules to their built `dist/types`
 * (so they build first: Nx `dependsOn: ["^build"]`), not through the workspace's source paths.
 * Throws with tsc's diagnostics when the sources do not type-check that way.
 *
 * @example
 * emitDeclarations(packageEntries('libs/client')); // libs/client/dist/types/index.d.ts, ...
 */
export function emitDeclarations(entries: PackageEntries): void {
  const files = Object.values(entries.library);
  if (files.length === 0) return;
  const base = ts.getParsedCommandLineOfConfigFile(
    join(WORKSPACE, 'tsconfig.base.json'),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
  );
  if (!base) throw new Error('cannot read tsconfig.base.json');
  const options: ts.CompilerOptions = {
    ...base.options,
    paths: undefined,
    baseUrl: undefined,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    types: ['node'],
    rootDir: join(entries.root, 'src'),
    outDir: join(entries.root, 'dist', 'types'),
    declaration: true,
    emitDeclarationOnly: true,
    noEmit: false,
    sourceMap: false,
    declarationMap: false,
    stripInternal: true,
  };
  const program = ts.createProgram({ rootNames: files, options });
  const result = program.emit();
  const diagnostics = [...ts.getPreEmitDiagnostics(program), ...result.diagnostics];
  if (diagnostics.length > 0) {
    const host: ts.FormatDiagnosticsHost = {
      getCanonicalFileName: (name) => name,
      getCurrentDirectory: () => WORKSPACE,
      getNewLine: () => '\n',
    };
    throw new Error(`${entries.name}: declarations failed\n${ts.formatDiagnostics(diagnostics, host)}`);
  }
  const outside = program
    .getSourceFiles()
    .filter((file) => !file.isDeclarationFile && relative(join(entries.root, 'src'), file.fileName).startsWith('..'));
  if (outside.length > 0)
    throw new Error(
      `${entries.name}: sources outside the package reached: ${outside.map((file) => file.fileName).join(', ')}`,
    );
}
