/** The element arrays an IDX file can hold, one per IDX type code. */
export type IdxData = Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;

/**
 * A decoded IDX array (the format of MNIST and Fashion-MNIST, http://yann.lecun.com/exdb/mnist/):
 * dimensions, outermost first, and the elements in row-major order.
 *
 * @example
 * const labels: IdxArray = { dims: [3], data: new Uint8Array([0, 7, 9]) };
 */
export interface IdxArray {
  dims: number[];
  data: IdxData;
}
