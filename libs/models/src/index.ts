export { buildModel, DEFAULT_MODEL_SEED } from './build-model';
export { countParameters } from './count-parameters';
export { weightShapes, KERNEL_SIZE } from './weight-shapes';
export { assertModelSpec } from './assert-model-spec';
export { getFlatWeights } from './get-flat-weights';
export { setFlatWeights } from './set-flat-weights';
export { computeDelta } from './compute-delta';
export { applyDelta } from './apply-delta';
export { kernelSegments } from './kernel-segments';
