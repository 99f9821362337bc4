/**
 * The logging seam of the coordinator, shaped like pino's so a pino logger drops in.
 * Implementations must not be handed secrets or raw data: the coordinator only ever logs ids,
 * counts, sizes and reasons.
 */
export interface CoordinatorLogger {
  debug(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

/** Discards everything; the default in tests and embedded use. */
export const silentLogger: CoordinatorLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
