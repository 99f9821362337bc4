import type { RunConfigDifference } from './diff-run-config';

/** A coordinator node refused at start-up: its run configuration differs from the one the run recorded in Redis. */
export class RunConfigMismatchError extends Error {
  override readonly name = 'RunConfigMismatchError';

  constructor(
    readonly nodeId: string,
    /** Every setting that differs, by dotted path (`model.widths`, `secure.bits`...). */
    readonly differences: readonly RunConfigDifference[],
  ) {
    const listed = differences
      .slice(0, 8)
      .map((d) => `${d.path}: the run has ${d.recorded}, this node ${d.local}`)
      .join('; ');
    const more = differences.length > 8 ? `; and ${differences.length - 8} more` : '';
    super(
      `node ${nodeId} refused: its run configuration differs from the one recorded for this run in Redis ` +
        `(${listed}${more}); start it with the run's settings, or use another Redis database or prefix for a new run`,
    );
  }
}
