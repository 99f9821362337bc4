/**
 * A binary attachment as socket.io hands it over: Node delivers a `Buffer` (a Uint8Array
 * subclass, often a view at a non-zero offset into a pooled ArrayBuffer), browsers deliver an
 * `ArrayBuffer`. Every entry point of this package accepts both.
 */
export type BinaryPayload = Uint8Array | ArrayBuffer;

// Internal-slot checks instead of `instanceof`: they hold across realms (Jest contexts, iframes,
// workers) and cannot be spoofed by a JSON object carrying a Symbol.toStringTag.
const typedArrayTag = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag)
  ?.get as (this: unknown) => string | undefined;
const arrayBufferByteLength = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength')?.get as (
  this: unknown,
) => number;

/** @internal The typed-array name of `value` ('Float32Array', ...), or undefined when it is not a typed array. */
export function _typedArrayName(value: unknown): string | undefined {
  return typedArrayTag.call(value);
}

function isArrayBuffer(value: unknown): value is ArrayBuffer {
  if (typeof value !== 'object' || value === null) return false;
  try {
    arrayBufferByteLength.call(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * A plain Uint8Array view of the same bytes (no copy), or undefined when `value` is neither a
 * Uint8Array (Buffer included) nor an ArrayBuffer. The view is a plain Uint8Array even for a
 * Buffer, so callers never meet Buffer semantics.
 *
 * @example
 * toUint8Array(new ArrayBuffer(4)); // Uint8Array(4)
 * toUint8Array('text'); // undefined
 */
export function toUint8Array(value: unknown): Uint8Array | undefined {
  if (_typedArrayName(value) === 'Uint8Array') {
    const view = value as Uint8Array;
    return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  }
  if (isArrayBuffer(value)) return new Uint8Array(value);
  return undefined;
}
