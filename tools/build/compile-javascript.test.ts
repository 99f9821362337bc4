import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileJavaScript } from './compile-javascript';
import { emitDeclarations } from './emit-declarations';
import { packageEntries } from './package-entries';

const ROOT = join(__dirname, '..', '..');

/** A small package outside the workspace: an isomorphic entry, a Node entry, a worker loader. */
function writeFixture(dir: string, dependencies: Record<string, string>): void {
  const entry = (name: string) => ({
    types: `./dist/types/${name}.d.ts`,
    import: `./dist/esm/${name}.mjs`,
    require: `./dist/cjs/${name}.js`,
  });
  const files: Record<string, string> = {
    'package.json': JSON.stringify({
      name: '@fixture/pkg',
      version: '1.0.0',
      exports: { '.': entry('index'), './node': entry('node') },
      dependencies,
    }),
    'src/shared.ts':
      "import { Answer } from './answer';\n\n// Answer only as a type: esbuild drops the import and reports it as external.\nexport function shared(answer: Answer = 41): number {\n  return answer;\n}\n",
    'src/answer.ts': 'export enum Answer {\n  Value = 41,\n}\n',
    'src/index.ts':
      "import nacl from 'tweetnacl';\nimport { shared } from './shared';\n\nexport const core = (): number => shared() + nacl.randomBytes(1).length;\n",
    'src/node.ts':
      "import { statSync } from 'node:fs';\nexport { core } from './index';\n\nexport const here = (): string => __dirname;\nexport const isFile = (): boolean => statSync(__filename).isFile();\n",
    'src/work.ts': 'export const work = 1;\n',
    'src/worker-entry.cjs': "require('tsx/cjs');\nrequire('./work.ts');\n",
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(join(ROOT, 'node_modules', 'tweetnacl'), join(dir, 'node_modules', 'tweetnacl'));
}

function run(args: string[]): string {
  // console.log colours numbers and booleans when FORCE_COLOR is set (Nx sets it for streamed output).
  return execFileSync(process.execPath, args, {
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
  }).trim();
}

describe('compileJavaScript and emitDeclarations', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'edgefl-build-fixture-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes ES modules, CommonJS and declarations that Node loads and run the same', async () => {
    writeFixture(dir, { tweetnacl: '1.0.3' });
    const entries = packageEntries(dir);
    expect(Object.keys(entries.library)).toEqual(['index', 'node']);
    expect(entries.workers).toEqual([{ loader: 'worker-entry.cjs', target: 'work' }]);

    const sources = await compileJavaScript(entries);
    emitDeclarations(entries);

    // answer.ts holds only a type at run time's eyes: no JavaScript needs it, its .d.ts is written.
    expect(sources).toEqual(['src/index.ts', 'src/node.ts', 'src/shared.ts', 'src/work.ts']);
    const esm = join(dir, 'dist', 'esm');
    expect(
      run([
        '--input-type=module',
        '-e',
        `import { core, here, isFile } from ${JSON.stringify(join(esm, 'node.mjs'))}; console.log(core(), here(), isFile());`,
      ]),
    ).toBe(`42 ${esm} true`);
    const cjs = join(dir, 'dist', 'cjs');
    expect(
      run([
        '-e',
        `const m = require(${JSON.stringify(join(cjs, 'node.js'))}); console.log(m.core(), m.here(), m.isFile());`,
      ]),
    ).toBe(`42 ${cjs} true`);
    expect(readFileSync(join(cjs, 'worker-entry.cjs'), 'utf8')).toContain("require('./work.js');");
    expect(readFileSync(join(esm, 'worker-entry.cjs'), 'utf8')).toContain("require('../cjs/work.js');");
    expect(readFileSync(join(dir, 'dist', 'types', 'node.d.ts'), 'utf8')).toContain("export { core } from './index';");
    expect(readFileSync(join(dir, 'dist', 'types', 'index.d.ts'), 'utf8')).toContain(
      'export declare const core: () => number;',
    );
    expect(readFileSync(join(dir, 'dist', 'types', 'answer.d.ts'), 'utf8')).toContain('export declare enum Answer');
  });

  it('keeps the isomorphic entry free of Node built-ins and shares modules between entries', async () => {
    writeFixture(dir, { tweetnacl: '1.0.3' });
    await compileJavaScript(packageEntries(dir));
    const esm = join(dir, 'dist', 'esm');
    const chunks = readdirSync(join(esm, 'chunks')).map((name) => readFileSync(join(esm, 'chunks', name), 'utf8'));
    for (const text of [readFileSync(join(esm, 'index.mjs'), 'utf8'), ...chunks]) expect(text).not.toContain('node:');
    expect(readFileSync(join(esm, 'node.mjs'), 'utf8')).toContain('from "node:fs"');
    // `shared` lives once, in a chunk both entries import.
    expect(chunks.join('').match(/function shared\(/g)).toHaveLength(1);
    expect(readFileSync(join(esm, 'node.mjs'), 'utf8')).not.toContain('function shared(');
  });

  it('fails on an import the manifest does not declare', async () => {
    writeFixture(dir, {});
    await expect(compileJavaScript(packageEntries(dir))).rejects.toThrow(
      '@fixture/pkg imports tweetnacl without declaring it in package.json',
    );
  });

  it('fails with tsc diagnostics when the sources do not type-check', async () => {
    writeFixture(dir, { tweetnacl: '1.0.3' });
    writeFileSync(join(dir, 'src', 'shared.ts'), "export function shared(): number {\n  return '41';\n}\n");
    expect(() => emitDeclarations(packageEntries(dir))).toThrow(
      /@fixture\/pkg: declarations failed[\s\S]*shared\.ts[\s\S]*TS2322/,
    );
  });
});
