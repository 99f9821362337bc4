import { toUint8Array } from './binary-payload';
import { ErrorCode } from './error-code';
import { ProtocolError } from './protocol-error';

/**
 * Readers for one field of an untrusted message object. Each checks one field, returns it typed,
 * or throws ProtocolError(`invalid-message`) naming the dotted path, e.g.
 * `update.numSamples must be a positive integer`. Only own properties are read, so inherited
 * names (`toString`, `__proto__`) never pass for fields, and values are never echoed back.
 */

/** An object from the wire together with its dotted path, for error messages. */
export interface FieldSource {
  readonly path: string;
  readonly fields: object;
}

/** Ids (client, run, round): 1-64 characters of [A-Za-z0-9_.:/-]. */
export const ID_PATTERN = /^[A-Za-z0-9_.:/-]{1,64}$/;

const FORBIDDEN_KEYS = ['__proto__', 'constructor', 'prototype'];
// eslint-disable-next-line no-control-regex -- control characters are exactly what free text must not carry
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/**
 * Checks that `input` is a plain object and wraps it with its path. Own keys that could pollute
 * a prototype when the object is merged elsewhere (`__proto__`, `constructor`, `prototype`) get
 * the whole message refused.
 *
 * @example
 * const hello = readRecord(input, 'hello');
 */
export function readRecord(input: unknown, path: string): FieldSource {
  if (
    typeof input !== 'object' ||
    input === null ||
    Array.isArray(input) ||
    ArrayBuffer.isView(input) ||
    toUint8Array(input)
  ) {
    throw invalid(path, 'must be an object');
  }
  for (const key of FORBIDDEN_KEYS) {
    if (Object.prototype.hasOwnProperty.call(input, key)) throw invalid(`${path}.${key}`, 'is not allowed');
  }
  return { path, fields: input };
}

/** True when the field is present; an absent field, `undefined` or `null` counts as absent. */
export function hasField(source: FieldSource, key: string): boolean {
  const value = ownValue(source, key);
  return value !== undefined && value !== null;
}

/** A nested object field. */
export function readNestedRecord(source: FieldSource, key: string): FieldSource {
  return readRecord(ownValue(source, key), `${source.path}.${key}`);
}

/** A string field equal to one of `allowed`. */
export function readLiteral<T extends string>(source: FieldSource, key: string, allowed: readonly T[]): T {
  const value = ownValue(source, key);
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw invalid(`${source.path}.${key}`, `must be ${allowed.map((a) => `'${a}'`).join(' or ')}`);
  }
  return value as T;
}

/** An id: 1-64 characters of [A-Za-z0-9_.:/-]. */
export function readId(source: FieldSource, key: string): string {
  const value = ownValue(source, key);
  if (typeof value !== 'string' || !ID_PATTERN.test(value))
    throw invalid(`${source.path}.${key}`, 'must be 1-64 characters of [A-Za-z0-9_.:/-]');
  return value;
}

/** Free text: 1 to `maxLength` UTF-16 code units, no control characters. */
export function readText(source: FieldSource, key: string, maxLength: number): string {
  const value = ownValue(source, key);
  if (typeof value !== 'string' || value.length === 0 || value.length > maxLength || CONTROL_CHARACTERS.test(value)) {
    throw invalid(`${source.path}.${key}`, `must be a string of 1-${maxLength} characters without control characters`);
  }
  return value;
}

/** A string matching `pattern`, described by `expectation` in the error. */
export function readPatternString(source: FieldSource, key: string, pattern: RegExp, expectation: string): string {
  const value = ownValue(source, key);
  if (typeof value !== 'string' || !pattern.test(value))
    throw invalid(`${source.path}.${key}`, `must be ${expectation}`);
  return value;
}

/** An integer in [min, max] (both inclusive, default [0, Number.MAX_SAFE_INTEGER]). */
export function readInteger(source: FieldSource, key: string, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  return checkInteger(ownValue(source, key), `${source.path}.${key}`, min, max);
}

/** A finite number, strictly above `exclusiveMin` when given. */
export function readFiniteNumber(source: FieldSource, key: string, exclusiveMin?: number): number {
  const value = ownValue(source, key);
  const ok =
    typeof value === 'number' && Number.isFinite(value) && (exclusiveMin === undefined || value > exclusiveMin);
  if (!ok)
    throw invalid(
      `${source.path}.${key}`,
      exclusiveMin === undefined ? 'must be a finite number' : `must be a finite number above ${exclusiveMin}`,
    );
  return value as number;
}

/** A boolean. */
export function readBoolean(source: FieldSource, key: string): boolean {
  const value = ownValue(source, key);
  if (typeof value !== 'boolean') throw invalid(`${source.path}.${key}`, 'must be a boolean');
  return value;
}

/** An array of `minLength`-`maxLength` integers, each in [min, max]; returned as a fresh array. */
export function readIntegerArray(
  source: FieldSource,
  key: string,
  bounds: { minLength: number; maxLength: number; min: number; max: number },
): number[] {
  const path = `${source.path}.${key}`;
  const value = ownValue(source, key);
  if (!Array.isArray(value) || value.length < bounds.minLength || value.length > bounds.maxLength) {
    throw invalid(path, `must be an array of ${bounds.minLength}-${bounds.maxLength} integers`);
  }
  return value.map((item: unknown, i) => checkInteger(item, `${path}[${i}]`, bounds.min, bounds.max));
}

/** A binary attachment (Uint8Array, Node Buffer or ArrayBuffer), as a plain Uint8Array view. */
export function readBinary(source: FieldSource, key: string): Uint8Array {
  const bytes = toUint8Array(ownValue(source, key));
  if (bytes === undefined) throw invalid(`${source.path}.${key}`, 'must be binary (Uint8Array or ArrayBuffer)');
  return bytes;
}

/** A ProtocolError `invalid-message` (or `code`) for the field at `path`. */
export function invalid(path: string, problem: string, code: ErrorCode = ErrorCode.InvalidMessage): ProtocolError {
  return new ProtocolError(code, `${path} ${problem}`);
}

function checkInteger(value: unknown, path: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw invalid(path, integerExpectation(min, max));
  }
  return value;
}

function integerExpectation(min: number, max: number): string {
  if (max === Number.MAX_SAFE_INTEGER)
    return min === 1
      ? 'must be a positive integer'
      : min === 0
        ? 'must be a non-negative integer'
        : `must be an integer >= ${min}`;
  return `must be an integer in [${min}, ${max}]`;
}

function ownValue(source: FieldSource, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(source.fields, key)
    ? (source.fields as Record<string, unknown>)[key]
    : undefined;
}
