/** Weight encodings of the TF.js LayersModel artifacts. */
export type TfjsPrecision = 'float32' | 'float16' | 'uint8';

/** Every TfjsPrecision, in the order the artifacts are written. */
export const TFJS_PRECISIONS: readonly TfjsPrecision[] = ['float32', 'float16', 'uint8'];
