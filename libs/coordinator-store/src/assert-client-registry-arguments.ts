/** Checks `registerClient`'s arguments the same way for every registry, naming the bad one. */
export function assertRegisterArguments(
  clientId: string,
  options: { identityKey?: Uint8Array; at?: number },
): { identityKey?: Uint8Array; at: number } {
  if (typeof clientId !== 'string' || clientId.length === 0) throw new TypeError('clientId must be a non-empty string');
  if (typeof options !== 'object' || options === null) throw new TypeError('options must be an object');
  const { identityKey, at = Date.now() } = options;
  if (identityKey !== undefined && !(identityKey instanceof Uint8Array && identityKey.length > 0)) {
    throw new TypeError('options.identityKey must be a non-empty Uint8Array');
  }
  if (!Number.isFinite(at)) throw new TypeError(`options.at must be a finite number, got ${String(at)}`);
  return { identityKey, at };
}

/** Checks `expireClients`' options, naming the bad one. */
export function assertExpireOptions(options: { seenBefore: number; keep: number }): {
  seenBefore: number;
  keep: number;
} {
  if (typeof options !== 'object' || options === null) throw new TypeError('options must be an object');
  const { seenBefore, keep } = options;
  if (typeof seenBefore !== 'number' || Number.isNaN(seenBefore))
    throw new TypeError(`options.seenBefore must be a number, got ${String(seenBefore)}`);
  if (!Number.isSafeInteger(keep) || keep < 0)
    throw new TypeError(`options.keep must be a non-negative integer, got ${String(keep)}`);
  return { seenBefore, keep };
}
