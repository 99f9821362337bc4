import fc from 'fast-check';
import { ErrorCode } from './error-code';
import { expectProtocolError } from './testing/expect-protocol-error';
import { negotiateProtocolVersion } from './negotiate-protocol-version';
import { PROTOCOL_VERSION } from './protocol-version';

describe('negotiateProtocolVersion', () => {
  it('picks the highest version in common, whatever the order', () => {
    expect(negotiateProtocolVersion([1, 3, 2], [2, 3, 4])).toBe(3);
    expect(negotiateProtocolVersion([PROTOCOL_VERSION])).toBe(PROTOCOL_VERSION);
  });

  it('names both lists when none is common', () => {
    expectProtocolError(
      () => negotiateProtocolVersion([2, 3], [1]),
      ErrorCode.UnsupportedVersion,
      'no protocol version in common: offered [2, 3], supported [1]',
    );
  });

  it('refuses a malformed offer as invalid-message and a malformed supported list as a TypeError', () => {
    expectProtocolError(
      () => negotiateProtocolVersion(['1'] as unknown as number[]),
      ErrorCode.InvalidMessage,
      /offered protocol versions/,
    );
    expectProtocolError(() => negotiateProtocolVersion([0]), ErrorCode.InvalidMessage, /offered protocol versions/);
    expect(() => negotiateProtocolVersion([1], [])).toThrow('supported must be a non-empty array');
  });

  it('returns a version both sides list, no version in common above it', () => {
    const versions = fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 16 });
    fc.assert(
      fc.property(versions, versions, (offered, supported) => {
        const common = offered.filter((v) => supported.includes(v));
        if (common.length === 0)
          return expect(() => negotiateProtocolVersion(offered, supported)).toThrow(/no protocol version/);
        const chosen = negotiateProtocolVersion(offered, supported);
        expect(offered).toContain(chosen);
        expect(supported).toContain(chosen);
        expect(common.every((v) => v <= chosen)).toBe(true);
      }),
    );
  });
});
