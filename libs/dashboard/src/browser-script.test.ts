import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleBrowserScript, loadBrowserScript } from './browser-script';

describe('loadBrowserScript', () => {
  it('bundles the page module from sources into one script with no module syntax left', () => {
    const script = loadBrowserScript(__dirname, 'dashboard-page');
    expect(script).toMatch(/^"use strict";\n\(\(\) => \{/);
    expect(script).toContain('window.__edgefl');
    // The shared modules are inlined; nothing is left to load at run time.
    expect(script).toContain('function formatBytes(');
    expect(script).not.toMatch(/\bimport\s*[{(*]|\brequire\(/);
    expect(loadBrowserScript(__dirname, 'dashboard-page')).toBe(script);
  });

  it('reads dist/browser/<name>.js when running from a build', () => {
    const root = mkdtempSync(join(tmpdir(), 'edgefl-browser-script-'));
    try {
      writeFileSync(join(root, 'package.json'), '{}');
      mkdirSync(join(root, 'dist', 'cjs'), { recursive: true });
      mkdirSync(join(root, 'dist', 'browser'));
      writeFileSync(join(root, 'dist', 'browser', 'some-page.js'), 'built();');
      expect(loadBrowserScript(join(root, 'dist', 'cjs'), 'some-page')).toBe('built();');
      expect(() => loadBrowserScript(join(root, 'dist', 'cjs'), 'other-page')).toThrow(
        /other-page\.js is missing: the package build writes it/,
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('refuses names that are not kebab-case', () => {
    expect(() => loadBrowserScript(__dirname, '../secrets')).toThrow(RangeError);
  });

  it('reports an esbuild error for a module that does not compile', () => {
    const dir = mkdtempSync(join(tmpdir(), 'edgefl-browser-bad-'));
    try {
      writeFileSync(join(dir, 'bad-page.ts'), 'const = ;');
      expect(() => bundleBrowserScript(join(dir, 'bad-page.ts'))).toThrow(/Build failed/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
