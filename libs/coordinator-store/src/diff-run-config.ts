/** One setting that differs between two run configurations. */
export interface RunConfigDifference {
  /** Dotted path of the setting (`rounds`, `model.widths`, `secure.bits`). */
  path: string;
  /** Its value in the run's recorded configuration, as JSON (`absent` when missing). */
  recorded: string;
  /** Its value in this node's configuration, as JSON (`absent` when missing). */
  local: string;
}

/**
 * The settings that differ between two JSON-like configurations, by dotted path, sorted. Objects
 * are compared key by key; arrays and scalars as whole values.
 *
 * @example
 * diffRunConfig({ rounds: 10, model: { widths: [16, 32] } }, { rounds: 20, model: { widths: [16, 32] } });
 * // [{ path: 'rounds', recorded: '10', local: '20' }]
 */
export function diffRunConfig(recorded: unknown, local: unknown, path = ''): RunConfigDifference[] {
  if (isPlainObject(recorded) && isPlainObject(local)) {
    const keys = [...new Set([...Object.keys(recorded), ...Object.keys(local)])].sort();
    return keys.flatMap((key) => diffRunConfig(recorded[key], local[key], path ? `${path}.${key}` : key));
  }
  const a = show(recorded);
  const b = show(local);
  return a === b ? [] : [{ path: path || '(whole configuration)', recorded: a, local: b }];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  return value === undefined ? 'absent' : JSON.stringify(value);
}
