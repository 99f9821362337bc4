/** What {@link measurePayload} found: an approximate size and the nesting depth, or why it stopped. */
export type PayloadMeasure =
  { ok: true; bytes: number; depth: number } | { ok: false; problem: 'too-large' | 'too-deep'; bytes: number };

/**
 * Walks the decoded arguments of a socket.io event and estimates their size (string length,
 * binary byte length, 8 per number, keys included) and nesting depth, stopping as soon as
 * either exceeds its cap, so a hostile message costs at most `maxBytes` of work to refuse.
 * Functions (the ack) are ignored. Iterative, so deep nesting cannot overflow the stack.
 *
 * @example
 * measurePayload([{ type: 'hello' }], 65_536, 32); // { ok: true, bytes: 13, depth: 1 }
 */
export function measurePayload(args: readonly unknown[], maxBytes: number, maxDepth: number): PayloadMeasure {
  let bytes = 0;
  let deepest = 0;
  const stack: Array<{ value: unknown; depth: number }> = args.map((value) => ({ value, depth: 0 }));
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { value, depth } = item;
    if (depth > deepest) deepest = depth;
    if (depth > maxDepth) return { ok: false, problem: 'too-deep', bytes };
    if (typeof value === 'string') bytes += value.length;
    else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') bytes += 8;
    else if (value === null || value === undefined || typeof value === 'function') bytes += 1;
    else if (ArrayBuffer.isView(value)) bytes += value.byteLength;
    else if (value instanceof ArrayBuffer) bytes += value.byteLength;
    else if (Array.isArray(value)) {
      bytes += 2;
      for (const item of value) stack.push({ value: item, depth: depth + 1 });
    } else if (typeof value === 'object') {
      bytes += 2;
      for (const key of Object.keys(value)) {
        bytes += key.length;
        stack.push({ value: (value as Record<string, unknown>)[key], depth: depth + 1 });
      }
    }
    if (bytes > maxBytes) return { ok: false, problem: 'too-large', bytes };
  }
  return { ok: true, bytes, depth: deepest };
}
