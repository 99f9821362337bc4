/**
 * Bytes with a binary unit, for people: `B` below 1 KiB, `KiB` with one decimal below 1 MiB,
 * `MiB` with two decimals above. Shared by the dashboard page, report.html and the simulator's
 * console lines.
 *
 * @example
 * formatBytes(512); // '512 B'
 * formatBytes(1536); // '1.5 KiB'
 * formatBytes(3 * 1024 * 1024); // '3.00 MiB'
 */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
}
