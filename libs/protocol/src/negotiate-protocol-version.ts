import { ErrorCode } from './error-code';
import { ProtocolError } from './protocol-error';
import { SUPPORTED_PROTOCOL_VERSIONS } from './protocol-version';

/**
 * Picks the highest protocol version both sides speak.
 *
 * @param offered versions the peer offers (from `hello.protocolVersions`), any order.
 * @param supported versions this side speaks; defaults to {@link SUPPORTED_PROTOCOL_VERSIONS}.
 * @throws ProtocolError `unsupported-version` naming both lists when none is common;
 *   `invalid-message` when `offered` is not an array of positive integers.
 * @example
 * negotiateProtocolVersion([1, 2], [1]); // 1
 */
export function negotiateProtocolVersion(
  offered: readonly number[],
  supported: readonly number[] = SUPPORTED_PROTOCOL_VERSIONS,
): number {
  if (!isVersionList(offered))
    throw new ProtocolError(
      ErrorCode.InvalidMessage,
      'offered protocol versions must be an array of positive integers',
    );
  if (!isVersionList(supported) || supported.length === 0)
    throw new TypeError('supported must be a non-empty array of positive integers');
  const common = offered.filter((version) => supported.includes(version));
  if (common.length === 0) {
    throw new ProtocolError(
      ErrorCode.UnsupportedVersion,
      `no protocol version in common: offered [${offered.join(', ')}], supported [${supported.join(', ')}]`,
    );
  }
  return Math.max(...common);
}

function isVersionList(versions: unknown): versions is readonly number[] {
  // The cap keeps a hostile list out of error messages and Math.max's argument list.
  return Array.isArray(versions) && versions.length <= 64 && versions.every((v) => Number.isSafeInteger(v) && v > 0);
}
