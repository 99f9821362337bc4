import { decodeBase64 } from '@edgefl/protocol';

const ED25519_PUBLIC_KEY_BYTES = 32;

/**
 * Parses an allowlist file: one standard base64 Ed25519 public key (32 bytes) per line; blank
 * lines and lines starting with `#` are skipped, and anything after the key on a line (a name,
 * after whitespace) is a comment.
 *
 * @throws RangeError naming the line of the first bad key, or saying the list is empty.
 * @example
 * const keys = parseAllowlist(readFileSync('clients.allow', 'utf8'));
 */
export function parseAllowlist(text: string): Uint8Array[] {
  if (typeof text !== 'string') throw new TypeError('text must be a string');
  const keys: Uint8Array[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const entry = line.trim().split(/\s+/)[0];
    if (entry === '' || entry.startsWith('#')) return;
    let key: Uint8Array | undefined;
    try {
      key = decodeBase64(entry);
    } catch {
      key = undefined;
    }
    if (key?.length !== ED25519_PUBLIC_KEY_BYTES) {
      throw new RangeError(`allowlist line ${index + 1}: expected the base64 of a 32-byte Ed25519 public key`);
    }
    keys.push(key);
  });
  if (keys.length === 0) throw new RangeError('allowlist holds no key');
  return keys;
}
