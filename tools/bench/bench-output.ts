import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Prints a right-aligned table: a title line, a header and one line per row of cells. */
export function printTable(title: string, header: string[], rows: string[][], width = 12): void {
  console.log(title);
  console.log(header.map((h) => h.padStart(width)).join(''));
  for (const row of rows) console.log(row.map((cell) => cell.padStart(width)).join(''));
}

/** Writes `rows` as JSON to `file` (the bench's `--json`), if one was given. */
export function writeJsonRows(file: string | undefined, rows: unknown): void {
  if (!file) return;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(rows, null, 2)}\n`);
}
