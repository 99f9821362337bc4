import { _typedArrayName } from './binary-payload';

/**
 * Element types the tensor codec carries, with their one-byte wire codes (docs/PROTOCOL.md,
 * "Tensor codec"). Codes are frozen: a new dtype gets a new code, never a reused one.
 *
 * @example
 * TENSOR_DTYPE_CODES.float32; // 1
 */
export type TensorDType = 'float32' | 'int32' | 'uint8' | 'uint16' | 'uint32';

/** Wire code of each dtype. */
export const TENSOR_DTYPE_CODES: Readonly<Record<TensorDType, number>> = Object.freeze({
  float32: 1,
  int32: 2,
  uint8: 3,
  uint16: 4,
  uint32: 5,
});

/** The typed array that holds each dtype's elements. */
export type TensorData = Float32Array | Int32Array | Uint8Array | Uint16Array | Uint32Array;

interface DTypeInfo {
  readonly dtype: TensorDType;
  readonly bytesPerElement: number;
  readonly create: (length: number) => TensorData;
  readonly matches: (data: unknown) => boolean;
}

const DTYPE_INFO: Readonly<Record<TensorDType, DTypeInfo>> = {
  float32: {
    dtype: 'float32',
    bytesPerElement: 4,
    create: (n) => new Float32Array(n),
    matches: (d) => _typedArrayName(d) === 'Float32Array',
  },
  int32: {
    dtype: 'int32',
    bytesPerElement: 4,
    create: (n) => new Int32Array(n),
    matches: (d) => _typedArrayName(d) === 'Int32Array',
  },
  uint8: {
    dtype: 'uint8',
    bytesPerElement: 1,
    create: (n) => new Uint8Array(n),
    matches: (d) => _typedArrayName(d) === 'Uint8Array',
  },
  uint16: {
    dtype: 'uint16',
    bytesPerElement: 2,
    create: (n) => new Uint16Array(n),
    matches: (d) => _typedArrayName(d) === 'Uint16Array',
  },
  uint32: {
    dtype: 'uint32',
    bytesPerElement: 4,
    create: (n) => new Uint32Array(n),
    matches: (d) => _typedArrayName(d) === 'Uint32Array',
  },
};

const INFO_BY_CODE: ReadonlyMap<number, DTypeInfo> = new Map(
  (Object.keys(TENSOR_DTYPE_CODES) as TensorDType[]).map((dtype) => [TENSOR_DTYPE_CODES[dtype], DTYPE_INFO[dtype]]),
);

/** @internal Layout facts of a dtype name, or undefined for an unknown name. */
export function _dtypeInfo(dtype: unknown): DTypeInfo | undefined {
  return typeof dtype === 'string' && Object.prototype.hasOwnProperty.call(DTYPE_INFO, dtype)
    ? DTYPE_INFO[dtype as TensorDType]
    : undefined;
}

/** @internal Layout facts of a wire code, or undefined for an unknown code. */
export function _dtypeInfoByCode(code: number): DTypeInfo | undefined {
  return INFO_BY_CODE.get(code);
}
