import { ErrorCode } from './error-code';
import { expectProtocolError } from './testing/expect-protocol-error';
import {
  hasField,
  readBinary,
  readBoolean,
  readFiniteNumber,
  readId,
  readInteger,
  readIntegerArray,
  readLiteral,
  readNestedRecord,
  readRecord,
  readText,
} from './field-readers';

const source = (fields: object) => readRecord(fields, 'msg');

describe('field readers', () => {
  it('refuses non-objects at the root, naming the path', () => {
    for (const input of [null, undefined, 'x', 3, [], new Uint8Array(1), new ArrayBuffer(1)]) {
      expectProtocolError(() => readRecord(input, 'hello'), ErrorCode.InvalidMessage, 'hello must be an object');
    }
    expect(readRecord(Object.create(null), 'hello').path).toBe('hello');
  });

  it('refuses prototype-pollution keys without touching any prototype', () => {
    const parsed: unknown = JSON.parse('{"type":"hello","__proto__":{"polluted":true}}');
    expectProtocolError(() => readRecord(parsed, 'hello'), ErrorCode.InvalidMessage, 'hello.__proto__ is not allowed');
    expectProtocolError(
      () => readRecord({ constructor: {} }, 'hello'),
      ErrorCode.InvalidMessage,
      'hello.constructor is not allowed',
    );
    const nested: unknown = JSON.parse('{"agent":{"__proto__":{"sdk":"x"}}}');
    expectProtocolError(
      () => readNestedRecord(readRecord(nested, 'hello'), 'agent'),
      ErrorCode.InvalidMessage,
      'hello.agent.__proto__ is not allowed',
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reads own properties only', () => {
    const inherited = readRecord(Object.create({ type: 'hello', toString: 'x' }), 'hello');
    expect(hasField(inherited, 'type')).toBe(false);
    expectProtocolError(
      () => readLiteral(inherited, 'type', ['hello']),
      ErrorCode.InvalidMessage,
      "hello.type must be 'hello'",
    );
    expect(hasField(source({ a: null }), 'a')).toBe(false);
    expect(hasField(source({ a: 0 }), 'a')).toBe(true);
  });

  it('reads ids with the id charset and length', () => {
    expect(readId(source({ id: 'run-1/3/0:a_b.c' }), 'id')).toBe('run-1/3/0:a_b.c');
    for (const bad of ['', 'a'.repeat(65), 'a b', 'é', 'a\n', 42]) {
      expectProtocolError(
        () => readId(source({ id: bad }), 'id'),
        ErrorCode.InvalidMessage,
        'msg.id must be 1-64 characters of [A-Za-z0-9_.:/-]',
      );
    }
  });

  it('reads text without control characters, capped in length', () => {
    expect(readText(source({ t: 'héllo wörld' }), 't', 16)).toBe('héllo wörld');
    for (const bad of ['', 'x'.repeat(17), 'a\u0000b', 'tab\t', 5]) {
      expectProtocolError(
        () => readText(source({ t: bad }), 't', 16),
        ErrorCode.InvalidMessage,
        /msg.t must be a string of 1-16 characters/,
      );
    }
  });

  it('reads integers within bounds and says which bound', () => {
    expect(readInteger(source({ n: 0 }), 'n')).toBe(0);
    expectProtocolError(
      () => readInteger(source({ n: 0 }), 'n', 1),
      ErrorCode.InvalidMessage,
      'msg.n must be a positive integer',
    );
    expectProtocolError(
      () => readInteger(source({ n: -1 }), 'n'),
      ErrorCode.InvalidMessage,
      'msg.n must be a non-negative integer',
    );
    expectProtocolError(
      () => readInteger(source({ n: 17 }), 'n', 1, 16),
      ErrorCode.InvalidMessage,
      'msg.n must be an integer in [1, 16]',
    );
    for (const bad of [1.5, '1', Number.NaN, Infinity, 2 ** 53, true]) {
      expectProtocolError(() => readInteger(source({ n: bad }), 'n'), ErrorCode.InvalidMessage, /msg.n must be/);
    }
  });

  it('reads finite numbers, booleans and literals', () => {
    expect(readFiniteNumber(source({ x: -0.5 }), 'x')).toBe(-0.5);
    expectProtocolError(
      () => readFiniteNumber(source({ x: Number.NaN }), 'x'),
      ErrorCode.InvalidMessage,
      'msg.x must be a finite number',
    );
    expectProtocolError(
      () => readFiniteNumber(source({ x: 0 }), 'x', 0),
      ErrorCode.InvalidMessage,
      'msg.x must be a finite number above 0',
    );
    expect(readBoolean(source({ b: false }), 'b')).toBe(false);
    expectProtocolError(
      () => readBoolean(source({ b: 'true' }), 'b'),
      ErrorCode.InvalidMessage,
      'msg.b must be a boolean',
    );
    expectProtocolError(
      () => readLiteral(source({ k: 'x' }), 'k', ['a', 'b']),
      ErrorCode.InvalidMessage,
      "msg.k must be 'a' or 'b'",
    );
  });

  it('reads integer arrays, naming the bad entry', () => {
    const bounds = { minLength: 1, maxLength: 3, min: 1, max: 9 };
    expect(readIntegerArray(source({ v: [1, 2] }), 'v', bounds)).toEqual([1, 2]);
    expectProtocolError(
      () => readIntegerArray(source({ v: [] }), 'v', bounds),
      ErrorCode.InvalidMessage,
      'msg.v must be an array of 1-3 integers',
    );
    expectProtocolError(
      () => readIntegerArray(source({ v: [1, 2, 3, 4] }), 'v', bounds),
      ErrorCode.InvalidMessage,
      /1-3 integers/,
    );
    expectProtocolError(
      () => readIntegerArray(source({ v: [1, 10] }), 'v', bounds),
      ErrorCode.InvalidMessage,
      'msg.v[1] must be an integer in [1, 9]',
    );
  });

  it('reads binary as a plain Uint8Array view', () => {
    const bytes = readBinary(source({ p: Buffer.from([1, 2]) }), 'p');
    expect(bytes.constructor).toBe(Uint8Array);
    expect(readBinary(source({ p: new ArrayBuffer(2) }), 'p').byteLength).toBe(2);
    expectProtocolError(
      () => readBinary(source({ p: [1, 2] }), 'p'),
      ErrorCode.InvalidMessage,
      'msg.p must be binary (Uint8Array or ArrayBuffer)',
    );
  });
});
