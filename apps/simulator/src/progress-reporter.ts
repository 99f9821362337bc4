/** What the progress line shows; every field is optional so callers send what they know. */
export interface ProgressState {
  roundsDone: number;
  roundsTotal: number;
  /** The round being run (default: the one after the last completed). */
  round?: number;
  attempt?: number;
  /** Updates accepted in the open round, and how many the round wants. */
  reported?: number;
  goal?: number;
  /** Latest test accuracy in [0, 1]. */
  accuracy?: number | null;
}

/**
 * Where the simulator reports progress: permanent lines (`log`) and a live state (`update`).
 * On a terminal the state is a redrawn progress line; elsewhere only the lines are printed.
 */
export interface ProgressReporter {
  log(line: string): void;
  update(state: Partial<ProgressState>): void;
  /** Removes the live line, if any; call once at the end. */
  finish(): void;
}
