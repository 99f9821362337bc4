import { CHALLENGE_TTL_MS } from './enrollment-gate';

/**
 * How long a challenge nonce may be answered on a coordinator whose connections get
 * `enrollmentTimeoutMs` to enroll: never less than the connection itself may take, or a slow but
 * legitimate device (or a fleet enrolling on a loaded host) is refused while its connection is
 * still allowed to answer; the connection's own deadline closes it anyway.
 *
 * @example
 * challengeTtl(300_000); // 300000
 */
export function challengeTtl(enrollmentTimeoutMs: number): number {
  return Math.max(CHALLENGE_TTL_MS, enrollmentTimeoutMs);
}
