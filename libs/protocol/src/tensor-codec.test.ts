import fc from 'fast-check';
import { ErrorCode } from './error-code';
import { expectProtocolError, returnsOrThrowsProtocolError } from './testing/expect-protocol-error';
import { type EncodedTensor, decodeTensors, encodeTensors, _readElements, _writeElements } from './tensor-codec';
import type { TensorData, TensorDType } from './tensor-dtype';

const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const fromHex = (text: string): Uint8Array =>
  new Uint8Array(text.match(/../g)?.map((pair) => parseInt(pair, 16)) ?? []);
const bytesOf = (data: TensorData): Uint8Array => new Uint8Array(data.buffer, data.byteOffset, data.byteLength);

// Frozen vectors, also printed in docs/PROTOCOL.md ("Tensor codec").
const FLOAT32_VECTOR = '454654310100000001010000020000000000c03f000000c0';
const INT32_MATRIX = '454654310100000002020000020000000200000001000000ffffffff00010000ffffff7f';
const PADDED_PAIR = '454654310200000003010000030000000400000001020300efbe0000';

describe('tensor codec: frozen vectors', () => {
  it('encodes a float32 [2] tensor', () => {
    expect(hex(encodeTensors([{ dtype: 'float32', shape: [2], data: new Float32Array([1.5, -2]) }]))).toBe(
      FLOAT32_VECTOR,
    );
    const [tensor] = decodeTensors(fromHex(FLOAT32_VECTOR));
    expect(tensor.dtype).toBe('float32');
    expect(tensor.shape).toEqual([2]);
    expect(Array.from(tensor.data)).toEqual([1.5, -2]);
  });

  it('encodes an int32 [2, 2] tensor', () => {
    const data = new Int32Array([1, -1, 256, 2147483647]);
    expect(hex(encodeTensors([{ dtype: 'int32', shape: [2, 2], data }]))).toBe(INT32_MATRIX);
    const [tensor] = decodeTensors(fromHex(INT32_MATRIX));
    expect(tensor).toEqual({ dtype: 'int32', shape: [2, 2], data });
  });

  it('pads each tensor to 4 bytes (uint8 [3] then a uint16 scalar)', () => {
    const tensors: EncodedTensor[] = [
      { dtype: 'uint8', shape: [3], data: new Uint8Array([1, 2, 3]) },
      { dtype: 'uint16', shape: [], data: new Uint16Array([0xbeef]) },
    ];
    expect(hex(encodeTensors(tensors))).toBe(PADDED_PAIR);
    expect(decodeTensors(fromHex(PADDED_PAIR))).toEqual(tensors);
  });

  it('encodes an empty list as the bare header', () => {
    expect(hex(encodeTensors([]))).toBe('4546543100000000');
    expect(decodeTensors(fromHex('4546543100000000'))).toEqual([]);
  });
});

describe('tensor codec: inputs as socket.io delivers them', () => {
  it('decodes a Buffer at an odd offset into a pooled ArrayBuffer and returns aligned copies', () => {
    const pool = Buffer.alloc(64, 0xaa);
    fromHex(FLOAT32_VECTOR).forEach((byte, i) => (pool[3 + i] = byte));
    const view = pool.subarray(3, 3 + FLOAT32_VECTOR.length / 2);
    const [tensor] = decodeTensors(view);
    expect(Array.from(tensor.data)).toEqual([1.5, -2]);
    expect(tensor.data.byteOffset).toBe(0);
    expect(tensor.data.buffer).not.toBe(pool.buffer);
  });

  it('decodes an ArrayBuffer', () => {
    const bytes = fromHex(INT32_MATRIX);
    expect(Array.from(decodeTensors(bytes.buffer as ArrayBuffer)[0].data)).toEqual([1, -1, 256, 2147483647]);
  });

  it('encodes typed arrays that are views at an offset', () => {
    const backing = new Float32Array([9, 1.5, -2, 9]);
    const view = backing.subarray(1, 3);
    expect(hex(encodeTensors([{ dtype: 'float32', shape: [2], data: view }]))).toBe(FLOAT32_VECTOR);
  });
});

const DTYPES: TensorDType[] = ['float32', 'int32', 'uint8', 'uint16', 'uint32'];

function dataArbitrary(dtype: TensorDType, length: number): fc.Arbitrary<TensorData> {
  const size = { minLength: length, maxLength: length };
  switch (dtype) {
    case 'float32':
      return fc.float32Array(size);
    case 'int32':
      return fc.int32Array(size);
    case 'uint8':
      return fc.uint8Array(size);
    case 'uint16':
      return fc.uint16Array(size);
    case 'uint32':
      return fc.uint32Array(size);
  }
}

const tensorArbitrary: fc.Arbitrary<EncodedTensor> = fc
  .record({
    dtype: fc.constantFrom(...DTYPES),
    shape: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 0, maxLength: 4 }),
  })
  .chain(({ dtype, shape }) =>
    dataArbitrary(
      dtype,
      shape.reduce((a, b) => a * b, 1),
    ).map((data): EncodedTensor => ({ dtype, shape, data })),
  );
const tensorListArbitrary = fc.array(tensorArbitrary, { maxLength: 6 });

describe('tensor codec: properties', () => {
  it('round-trips random tensor lists of every dtype and rank 0..4, bit for bit (NaN payloads included)', () => {
    fc.assert(
      fc.property(tensorListArbitrary, (tensors) => {
        const encoded = encodeTensors(tensors);
        expect(encoded.byteLength % 4).toBe(0);
        const decoded = decodeTensors(encoded);
        expect(decoded).toHaveLength(tensors.length);
        decoded.forEach((tensor, i) => {
          expect(tensor.dtype).toBe(tensors[i].dtype);
          expect(tensor.shape).toEqual(tensors[i].shape);
          expect(hex(bytesOf(tensor.data))).toBe(hex(bytesOf(tensors[i].data)));
        });
      }),
    );
  });

  it('the DataView path (big-endian hosts) writes and reads the same bytes as the byte-copy path', () => {
    fc.assert(
      fc.property(tensorArbitrary, ({ dtype, data }) => {
        const fast = new DataView(new ArrayBuffer(data.byteLength));
        const portable = new DataView(new ArrayBuffer(data.byteLength));
        _writeElements(dtype, data, fast, 0, true);
        _writeElements(dtype, data, portable, 0, false);
        expect(hex(new Uint8Array(portable.buffer))).toBe(hex(new Uint8Array(fast.buffer)));
        const back = new (data.constructor as new (n: number) => TensorData)(data.length);
        _readElements(dtype, portable, 0, back, false);
        expect(hex(bytesOf(back))).toBe(hex(bytesOf(data)));
      }),
    );
  });

  it('decoding random bytes only ever throws ProtocolError', () => {
    const magicPrefixed = fc
      .uint8Array({ maxLength: 96 })
      .map((tail) => Uint8Array.from([0x45, 0x46, 0x54, 0x31, ...tail]));
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 96 }), magicPrefixed), (bytes) =>
        returnsOrThrowsProtocolError(() => decodeTensors(bytes)),
      ),
      { numRuns: 500 },
    );
  });

  it('every truncation of a valid list is refused with a ProtocolError', () => {
    fc.assert(
      fc.property(tensorListArbitrary, fc.nat(), (tensors, cut) => {
        const encoded = encodeTensors(tensors);
        const prefix = encoded.subarray(0, cut % encoded.byteLength);
        expectProtocolError(() => decodeTensors(prefix), ErrorCode.InvalidUpdate, /^tensor list /);
      }),
    );
  });

  it('flipping a random byte of a valid list only ever throws ProtocolError', () => {
    fc.assert(
      fc.property(tensorListArbitrary, fc.nat(), fc.integer({ min: 1, max: 255 }), (tensors, at, flip) => {
        const encoded = encodeTensors(tensors);
        encoded[at % encoded.byteLength] ^= flip;
        return returnsOrThrowsProtocolError(() => decodeTensors(encoded));
      }),
    );
  });
});

describe('tensor codec: refusals name the problem', () => {
  const mutate = (hexText: string, at: number, value: number): Uint8Array => {
    const bytes = fromHex(hexText);
    bytes[at] = value;
    return bytes;
  };

  it.each([
    ['a bad magic', mutate(FLOAT32_VECTOR, 3, 0x32), /magic "EFT1"/],
    ['an unknown dtype code', mutate(FLOAT32_VECTOR, 8, 9), /tensor 0 has unknown dtype code 9/],
    ['a rank over 8', mutate(FLOAT32_VECTOR, 9, 9), /tensor 0 has rank 9/],
    ['non-zero reserved bytes', mutate(FLOAT32_VECTOR, 10, 1), /tensor 0 has non-zero reserved bytes/],
    ['non-zero padding', mutate(PADDED_PAIR, 23, 7), /non-zero padding after the data of tensor 0/],
    ['trailing bytes', Uint8Array.from([...fromHex(FLOAT32_VECTOR), 0, 0, 0, 0]), /4 trailing bytes/],
    ['a short header', fromHex('454654'), /truncated: 3 bytes/],
    ['a tensor count the bytes cannot hold', fromHex('45465431ffffffff'), /declares 4294967295 tensors/],
    [
      'more tensor headers than bytes',
      fromHex('4546543102000000' + '01000000'),
      /truncated: 2 tensor headers cannot fit in 12 bytes/,
    ],
    [
      'a header cut after the dims of tensor 0',
      fromHex('4546543102000000' + '01010000' + '01000000'),
      /truncated in the header of tensor 1/,
    ],
    ['dims cut short', fromHex('4546543101000000' + '01020000' + '01000000'), /truncated in the dims of tensor 0/],
    [
      'dims whose product overflows',
      fromHex('454654310100000001080000' + 'ffffffff'.repeat(8)),
      /tensor 0 declares more elements/,
    ],
    [
      'missing data',
      fromHex(FLOAT32_VECTOR).subarray(0, 20),
      /truncated in the data of tensor 0: needs 8 bytes, 4 remain/,
    ],
  ])('refuses %s', (_name, bytes, message) => {
    expectProtocolError(() => decodeTensors(bytes), ErrorCode.InvalidUpdate, message);
  });

  it('refuses lists over maxTensors and maxElements before allocating', () => {
    expectProtocolError(
      () => decodeTensors(fromHex(PADDED_PAIR), { maxTensors: 1 }),
      ErrorCode.InvalidUpdate,
      /2 tensors, more than maxTensors 1/,
    );
    expectProtocolError(
      () => decodeTensors(fromHex(PADDED_PAIR), { maxElements: 3 }),
      ErrorCode.InvalidUpdate,
      /maxElements 3 .*tensor 1/,
    );
    expect(decodeTensors(fromHex(PADDED_PAIR), { maxTensors: 2, maxElements: 4 })).toHaveLength(2);
  });

  it('accepts a huge declared shape with a zero dim (no elements)', () => {
    const bytes = encodeTensors([{ dtype: 'float32', shape: [0xffffffff, 0], data: new Float32Array(0) }]);
    expect(decodeTensors(bytes)[0].shape).toEqual([0xffffffff, 0]);
  });

  it('refuses input that is not binary with invalid-message', () => {
    expectProtocolError(
      () => decodeTensors('EFT1' as unknown as Uint8Array),
      ErrorCode.InvalidMessage,
      /must be a Uint8Array or an ArrayBuffer/,
    );
    expectProtocolError(() => decodeTensors([0x45] as unknown as Uint8Array), ErrorCode.InvalidMessage, /Uint8Array/);
  });

  it('names bad decode options', () => {
    expect(() => decodeTensors(fromHex(FLOAT32_VECTOR), { maxTensors: -1 })).toThrow(/options.maxTensors/);
    expect(() => decodeTensors(fromHex(FLOAT32_VECTOR), { maxElements: 1.5 })).toThrow(/options.maxElements/);
  });
});

describe('encodeTensors arguments', () => {
  it.each([
    ['not an array', 'x', /tensors must be an array/],
    ['a null entry', [null], /tensors\[0\] must be an object/],
    [
      'an unknown dtype',
      [{ dtype: 'float64', shape: [1], data: new Float64Array(1) }],
      /tensors\[0\].dtype must be one of/,
    ],
    [
      'rank 9',
      [{ dtype: 'uint8', shape: [1, 1, 1, 1, 1, 1, 1, 1, 1], data: new Uint8Array(1) }],
      /tensors\[0\].shape must be an array of at most 8/,
    ],
    [
      'a negative dim',
      [{ dtype: 'uint8', shape: [-1], data: new Uint8Array(0) }],
      /tensors\[0\].shape\[0\] must be an integer/,
    ],
    [
      'a typed array of another dtype',
      [{ dtype: 'int32', shape: [1], data: new Float32Array(1) }],
      /tensors\[0\].data must be the typed array of dtype int32/,
    ],
    [
      'a length that does not match the shape',
      [{ dtype: 'uint8', shape: [2, 2], data: new Uint8Array(3) }],
      /has 3 elements, shape \[2, 2\] needs 4/,
    ],
  ])('names %s', (_name, tensors, message) => {
    expect(() => encodeTensors(tensors as unknown as EncodedTensor[])).toThrow(message);
  });

  it('accepts a Node Buffer as uint8 data', () => {
    expect(hex(encodeTensors([{ dtype: 'uint8', shape: [3], data: Buffer.from([1, 2, 3]) }]))).toBe(
      '454654310100000003010000030000000102030' + '0',
    );
  });
});
