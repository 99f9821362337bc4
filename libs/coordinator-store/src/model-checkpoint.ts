/** The global model after a completed round; version 0 is the initial model. */
export interface ModelCheckpoint {
  version: number;
  weights: Float32Array;
  createdAt: number;
}
