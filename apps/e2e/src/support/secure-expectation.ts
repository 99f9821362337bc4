export { plainSecureInput, sumVectors } from '@edgefl/simulation';
export type { SecureClientRecord } from '@edgefl/simulation';

/** Hex of bytes, for searching captured logs and stores. */
export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}
