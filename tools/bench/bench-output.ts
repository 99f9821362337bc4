import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** The value after `--name` on the command line, or `fallback`. */
export function benchOption(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && index + 1 < process.argv.length ? process.argv[index + 1] : fallback;
}

/** Prints a right-aligned table: a title line, a header and one line per row of cells. */
export function printTable(title: string, header: string[], rows: string[][], width = 12): void {
  console.log(title);
  console.log(header.map((h) => h.padStart(width)).join(''));
  for (const row of rows) console.log(row.map((cell) => cell.padStart(width)).join(''));
}

/** Writes `rows` as JSON to the file named by `--json`, if any. */
export function writeJsonRows(rows: unknown): void {
  const file = benchOption('json', '');
  if (!file) return;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(rows, null, 2)}\n`);
}
