import { ErrorCode } from '../error-code';
import { ProtocolError } from '../protocol-error';

/** Test helper: `run` throws a ProtocolError with `code` and a message matching `message`. */
export function expectProtocolError(run: () => unknown, code: ErrorCode, message: RegExp | string): void {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ProtocolError);
  expect((caught as ProtocolError).code).toBe(code);
  expect((caught as ProtocolError).message).toMatch(message);
}

/** Test helper: `run` either returns or throws a ProtocolError, nothing else. */
export function returnsOrThrowsProtocolError(run: () => unknown): boolean {
  try {
    run();
  } catch (error) {
    if (!(error instanceof ProtocolError)) throw error;
    expect(Object.values(ErrorCode)).toContain(error.code);
  }
  return true;
}
