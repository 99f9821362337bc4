import type { IdxData } from './idx-array';

/** One IDX element type: its code in the magic number, byte width, and how to read/write it. */
export interface IdxElementType {
  code: number;
  name: string;
  bytes: number;
  create(length: number): IdxData;
  read(view: DataView, offset: number): number;
  write(view: DataView, offset: number, value: number): void;
}

/** The IDX element types by type code (0x08..0x0E; 0x0A is unassigned). All multi-byte values are big-endian. */
export const IDX_ELEMENT_TYPES: ReadonlyMap<number, IdxElementType> = new Map<number, IdxElementType>([
  [
    0x08,
    {
      code: 0x08,
      name: 'unsigned byte',
      bytes: 1,
      create: (n) => new Uint8Array(n),
      read: (v, o) => v.getUint8(o),
      write: (v, o, x) => v.setUint8(o, x),
    },
  ],
  [
    0x09,
    {
      code: 0x09,
      name: 'signed byte',
      bytes: 1,
      create: (n) => new Int8Array(n),
      read: (v, o) => v.getInt8(o),
      write: (v, o, x) => v.setInt8(o, x),
    },
  ],
  [
    0x0b,
    {
      code: 0x0b,
      name: 'short',
      bytes: 2,
      create: (n) => new Int16Array(n),
      read: (v, o) => v.getInt16(o, false),
      write: (v, o, x) => v.setInt16(o, x, false),
    },
  ],
  [
    0x0c,
    {
      code: 0x0c,
      name: 'int',
      bytes: 4,
      create: (n) => new Int32Array(n),
      read: (v, o) => v.getInt32(o, false),
      write: (v, o, x) => v.setInt32(o, x, false),
    },
  ],
  [
    0x0d,
    {
      code: 0x0d,
      name: 'float',
      bytes: 4,
      create: (n) => new Float32Array(n),
      read: (v, o) => v.getFloat32(o, false),
      write: (v, o, x) => v.setFloat32(o, x, false),
    },
  ],
  [
    0x0e,
    {
      code: 0x0e,
      name: 'double',
      bytes: 8,
      create: (n) => new Float64Array(n),
      read: (v, o) => v.getFloat64(o, false),
      write: (v, o, x) => v.setFloat64(o, x, false),
    },
  ],
]);

/** The IDX type code for a typed array, or undefined when IDX cannot hold it. */
export function idxTypeCodeOf(data: unknown): number | undefined {
  if (data instanceof Uint8Array) return 0x08;
  if (data instanceof Int8Array) return 0x09;
  if (data instanceof Int16Array) return 0x0b;
  if (data instanceof Int32Array) return 0x0c;
  if (data instanceof Float32Array) return 0x0d;
  if (data instanceof Float64Array) return 0x0e;
  return undefined;
}
