import fc from 'fast-check';
import { ErrorCode } from './error-code';
import { expectProtocolError, returnsOrThrowsProtocolError } from './testing/expect-protocol-error';
import { VALID_ROUND_END, withField } from './testing/message-fixtures';
import { parseRoundEndMessage } from './parse-round-end-message';

describe('parseRoundEndMessage', () => {
  it('accepts a valid round-end, with or without a reason', () => {
    expect(parseRoundEndMessage(VALID_ROUND_END)).toEqual(VALID_ROUND_END);
    const completed = { ...VALID_ROUND_END, outcome: 'completed', reason: undefined };
    expect('reason' in parseRoundEndMessage(completed)).toBe(false);
  });

  it('takes modelUrl as optional (older coordinators send none)', () => {
    expect('modelUrl' in parseRoundEndMessage({ ...VALID_ROUND_END, modelUrl: undefined })).toBe(false);
    expect(parseRoundEndMessage({ ...VALID_ROUND_END, modelUrl: '/edgefl/api/model/v/3/model.json' }).modelUrl).toBe(
      '/edgefl/api/model/v/3/model.json',
    );
  });

  it.each([
    ['type', 'run-end', "round-end.type must be 'round-end'"],
    ['roundId', '', 'round-end.roundId must be 1-64 characters'],
    ['round', '3', 'round-end.round must be a non-negative integer'],
    ['outcome', 'failed', "round-end.outcome must be 'completed' or 'abandoned'"],
    ['reason', 'r'.repeat(257), 'round-end.reason must be a string of 1-256 characters'],
    ['modelVersion', -2, 'round-end.modelVersion must be a non-negative integer'],
    ['participants', 1.5, 'round-end.participants must be a non-negative integer'],
    ['modelUrl', 'https://elsewhere.example/model.json', 'round-end.modelUrl must be an absolute path'],
    ['modelUrl', '//elsewhere.example/model.json', 'round-end.modelUrl must be an absolute path'],
    ['modelUrl', '/api/model/model.json?token=x', 'round-end.modelUrl must be an absolute path'],
    ['modelUrl', `/${'a'.repeat(512)}`, 'round-end.modelUrl must be an absolute path'],
  ])('refuses a bad %s (%p)', (path, value, message) => {
    expectProtocolError(
      () => parseRoundEndMessage(withField(VALID_ROUND_END, path, value)),
      ErrorCode.InvalidMessage,
      message,
    );
  });

  it('only ever throws ProtocolError on arbitrary input', () => {
    fc.assert(fc.property(fc.anything(), (input) => returnsOrThrowsProtocolError(() => parseRoundEndMessage(input))));
  });
});
