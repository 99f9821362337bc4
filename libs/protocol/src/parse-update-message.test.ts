import fc from 'fast-check';
import { ErrorCode } from './error-code';
import { expectProtocolError, returnsOrThrowsProtocolError } from './testing/expect-protocol-error';
import { DEFAULT_LIMITS } from './limits';
import { VALID_UPDATE, withField } from './testing/message-fixtures';
import { parseUpdateMessage } from './parse-update-message';

describe('parseUpdateMessage', () => {
  it('accepts a valid update and normalizes the payload to a plain Uint8Array view', () => {
    expect(parseUpdateMessage(VALID_UPDATE)).toEqual(VALID_UPDATE);
    const pool = Buffer.from([0, 0, 0x45, 0x46, 0x54, 0x31]);
    const update = parseUpdateMessage({ ...VALID_UPDATE, payload: pool.subarray(2) });
    expect(update.payload.constructor).toBe(Uint8Array);
    expect(update.payload.buffer).toBe(pool.buffer);
    expect(Array.from(update.payload)).toEqual([0x45, 0x46, 0x54, 0x31]);
    expect(parseUpdateMessage({ ...VALID_UPDATE, payload: new ArrayBuffer(3) }).payload.byteLength).toBe(3);
  });

  it('accepts a quantized encoding and leaves out absent metrics', () => {
    const encoding = { kind: 'quantized', bits: 16, chunkSize: 1, errorFeedback: false };
    const update = parseUpdateMessage({ ...VALID_UPDATE, encoding: { ...encoding, junk: true }, metrics: undefined });
    expect(update.encoding).toEqual(encoding);
    expect('metrics' in update).toBe(false);
    expect(parseUpdateMessage({ ...VALID_UPDATE, metrics: {} }).metrics).toEqual({});
  });

  it.each([
    ['type', 'hello', "update.type must be 'update'"],
    ['roundId', '', 'update.roundId must be 1-64 characters'],
    ['modelVersion', -1, 'update.modelVersion must be a non-negative integer'],
    ['numSamples', 0, 'update.numSamples must be a positive integer'],
    ['numSamples', 2.5, 'update.numSamples must be a positive integer'],
    ['numSamples', '600', 'update.numSamples must be a positive integer'],
    ['metrics', 'good', 'update.metrics must be an object'],
    ['metrics.loss', Number.NaN, 'update.metrics.loss must be a finite number'],
    ['metrics.accuracy', Infinity, 'update.metrics.accuracy must be a finite number'],
    ['encoding', undefined, 'update.encoding must be an object'],
    ['encoding.kind', 'float16', "update.encoding.kind must be 'float32' or 'quantized'"],
    [
      'encoding',
      { kind: 'quantized', bits: 0, chunkSize: 8, errorFeedback: true },
      'update.encoding.bits must be an integer in [1, 16]',
    ],
    [
      'encoding',
      { kind: 'quantized', bits: 17, chunkSize: 8, errorFeedback: true },
      'update.encoding.bits must be an integer in [1, 16]',
    ],
    [
      'encoding',
      { kind: 'quantized', bits: 8, chunkSize: 0, errorFeedback: true },
      'update.encoding.chunkSize must be an integer in [1, 4294967295]',
    ],
    ['encoding', { kind: 'quantized', bits: 8, chunkSize: 8 }, 'update.encoding.errorFeedback must be a boolean'],
    ['payload', [1, 2, 3], 'update.payload must be binary (Uint8Array or ArrayBuffer)'],
    ['payload', 'RUZUMQ==', 'update.payload must be binary'],
  ])('refuses a bad %s (%p) with invalid-message', (path, value, message) => {
    expectProtocolError(
      () => parseUpdateMessage(withField(VALID_UPDATE, path, value)),
      ErrorCode.InvalidMessage,
      message,
    );
  });

  it('refuses a payload over maxUpdateBytes with payload-too-large', () => {
    const limits = { ...DEFAULT_LIMITS, maxUpdateBytes: 7 };
    expectProtocolError(
      () => parseUpdateMessage(VALID_UPDATE, limits),
      ErrorCode.PayloadTooLarge,
      'update.payload has 8 bytes, more than maxUpdateBytes 7',
    );
    expect(parseUpdateMessage(VALID_UPDATE, { ...limits, maxUpdateBytes: 8 }).payload.byteLength).toBe(8);
  });

  it('refuses an empty payload with invalid-update', () => {
    expectProtocolError(
      () => parseUpdateMessage({ ...VALID_UPDATE, payload: new Uint8Array(0) }),
      ErrorCode.InvalidUpdate,
      'update.payload must not be empty',
    );
  });

  it('names bad limits as a programming error', () => {
    expect(() => parseUpdateMessage(VALID_UPDATE, { maxUpdateBytes: 0, maxMessageBytes: 1 })).toThrow(
      'limits.maxUpdateBytes must be a positive integer',
    );
  });

  it('only ever throws ProtocolError on arbitrary input', () => {
    const nearlyValid = fc.record({
      type: fc.constantFrom('update', 'x'),
      roundId: fc.oneof(fc.string(), fc.constant('r-1')),
      modelVersion: fc.oneof(fc.integer(), fc.double()),
      numSamples: fc.oneof(fc.integer(), fc.double(), fc.string()),
      encoding: fc.oneof(
        fc.anything(),
        fc.record({
          kind: fc.constantFrom('float32', 'quantized'),
          bits: fc.integer(),
          chunkSize: fc.integer(),
          errorFeedback: fc.boolean(),
        }),
      ),
      payload: fc.oneof(fc.uint8Array(), fc.anything()),
    });
    fc.assert(
      fc.property(fc.oneof(fc.anything(), nearlyValid), (input) =>
        returnsOrThrowsProtocolError(() => parseUpdateMessage(input)),
      ),
    );
  });
});
