/**
 * The architecture of the model being trained, sent with every task so that a client can
 * build the same graph the coordinator holds weights for.
 * `separable-cnn`: input -> [separableConv2d(width, 3x3, same, relu) -> maxPool 2x2] per width -> flatten -> dense(classes, softmax).
 */
export interface ModelSpec {
  kind: 'separable-cnn';
  /** [height, width, channels] */
  inputShape: [number, number, number];
  /** Filters of each separable conv block, in order. */
  widths: number[];
  classes: number;
}

/** The reference model: 28x28x1 -> sepconv 16 -> pool -> sepconv 32 -> pool -> dense 10. */
export const DEFAULT_MODEL_SPEC: ModelSpec = {
  kind: 'separable-cnn',
  inputShape: [28, 28, 1],
  widths: [16, 32],
  classes: 10,
};
