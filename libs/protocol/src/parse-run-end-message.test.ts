import { ErrorCode } from './error-code';
import { expectProtocolError } from './testing/expect-protocol-error';
import { VALID_RUN_END, withField } from './testing/message-fixtures';
import { parseRunEndMessage } from './parse-run-end-message';

describe('parseRunEndMessage', () => {
  it('accepts a valid run-end', () => {
    expect(parseRunEndMessage(VALID_RUN_END)).toEqual(VALID_RUN_END);
    expect(parseRunEndMessage({ ...VALID_RUN_END, reason: 'stopped' }).reason).toBe('stopped');
    expect('modelUrl' in parseRunEndMessage({ ...VALID_RUN_END, modelUrl: undefined })).toBe(false);
  });

  it.each([
    ['type', 'round-end', "run-end.type must be 'run-end'"],
    ['runId', 'run/1?', 'run-end.runId must be 1-64 characters'],
    ['reason', 'crashed', "run-end.reason must be 'completed' or 'stopped'"],
    ['modelVersion', undefined, 'run-end.modelVersion must be a non-negative integer'],
    ['rounds', -1, 'run-end.rounds must be a non-negative integer'],
    ['modelUrl', 'javascript:alert(1)', 'run-end.modelUrl must be an absolute path'],
    ['modelUrl', '/api/model/v/10/model.json#x', 'run-end.modelUrl must be an absolute path'],
  ])('refuses a bad %s (%p)', (path, value, message) => {
    expectProtocolError(
      () => parseRunEndMessage(withField(VALID_RUN_END, path, value)),
      ErrorCode.InvalidMessage,
      message,
    );
  });
});
