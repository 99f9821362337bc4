import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares a presented token with the expected one in constant time (both are hashed first so
 * their lengths do not leak either).
 *
 * @example
 * tokenMatches('s3cret', 's3cret'); // true
 * tokenMatches(undefined, 's3cret'); // false
 */
export function tokenMatches(presented: unknown, expected: string): boolean {
  if (typeof presented !== 'string') return false;
  const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(presented), digest(expected));
}
