import { assertUpdateFitsLimits } from './assert-update-fits-limits';
import { ErrorCode } from './error-code';
import { expectProtocolError } from './testing/expect-protocol-error';
import { DEFAULT_LIMITS } from './limits';

describe('assertUpdateFitsLimits', () => {
  const MiB = 1024 * 1024;

  it('accepts an update up to maxUpdateBytes over WebSocket', () => {
    expect(() => assertUpdateFitsLimits(DEFAULT_LIMITS.maxUpdateBytes, DEFAULT_LIMITS)).not.toThrow();
    expect(() => assertUpdateFitsLimits(0, DEFAULT_LIMITS, 'websocket')).not.toThrow();
  });

  it('refuses an update over maxUpdateBytes with payload-too-large', () => {
    expectProtocolError(
      () => assertUpdateFitsLimits(DEFAULT_LIMITS.maxUpdateBytes + 1, DEFAULT_LIMITS),
      ErrorCode.PayloadTooLarge,
      `update payload of ${16 * MiB + 1} bytes exceeds maxUpdateBytes ${16 * MiB}`,
    );
  });

  it('accounts for base64 over long-polling: 14 MiB fits 20 MiB, 15 MiB (exactly 20 MiB in base64) does not', () => {
    expect(() => assertUpdateFitsLimits(14 * MiB, DEFAULT_LIMITS, 'polling')).not.toThrow();
    expectProtocolError(
      () => assertUpdateFitsLimits(15 * MiB, DEFAULT_LIMITS, 'polling'),
      ErrorCode.PayloadTooLarge,
      /over polling, more than maxMessageBytes/,
    );
  });

  it('refuses a payload over maxMessageBytes even when maxUpdateBytes is higher', () => {
    const limits = { maxUpdateBytes: 100, maxMessageBytes: 50 };
    expectProtocolError(
      () => assertUpdateFitsLimits(60, limits),
      ErrorCode.PayloadTooLarge,
      /over websocket, more than maxMessageBytes 50/,
    );
  });

  it('names bad arguments', () => {
    expect(() => assertUpdateFitsLimits(-1, DEFAULT_LIMITS)).toThrow('payloadBytes must be a non-negative integer');
    expect(() => assertUpdateFitsLimits(1, { maxUpdateBytes: 1 } as never)).toThrow(
      'limits must hold positive integers',
    );
    expect(() => assertUpdateFitsLimits(1, DEFAULT_LIMITS, 'udp' as never)).toThrow(
      "transport must be 'websocket' or 'polling'",
    );
  });
});
