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

/** A column of {@link printColumns}: its title, its width, and how a row fills it (`left` pads on the right). */
export interface Column<R> {
  title: string;
  width: number;
  cell: (row: R) => string;
  left?: boolean;
}

/** Prints a header and one line per row, the cells of each column padded to its width, one space apart. */
export function printColumns<R>(columns: readonly Column<R>[], rows: readonly R[]): void {
  const line = (text: (column: Column<R>) => string): string =>
    columns
      .map((column) => (column.left ? text(column).padEnd(column.width) : text(column).padStart(column.width)))
      .join(' ');
  console.log(line((column) => column.title));
  for (const row of rows) console.log(line((column) => column.cell(row)));
}

/** An accuracy (a fraction) as a table cell: `87.25%`. */
export function percentCell(fraction: number): string {
  return `${(100 * fraction).toFixed(2)}%`;
}

/** A difference of accuracy in percentage points, signed: `+0.42pt`, `-1.10pt`. */
export function pointsCell(points: number): string {
  return `${points >= 0 ? '+' : ''}${points.toFixed(2)}pt`;
}
