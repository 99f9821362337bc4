/** How a client trains locally in one round. */
export interface TrainingConfig {
  /** Passes over the local data; ignored when `steps` is present. */
  epochs: number;
  batchSize: number;
  /** This round's learning rate (the coordinator applies its schedule across rounds before sending). */
  learningRate: number;
  optimizer: 'sgd' | 'adam';
  /**
   * Local work as a number of minibatch steps instead of epochs (reshuffling at each pass over the
   * data); absent: `epochs` passes. Same work per client whatever its data size.
   */
  steps?: number;
  /**
   * FedProx (Li et al. 2020): the proximal coefficient mu >= 0. The client minimizes
   * loss(w) + mu/2 * ||w - w_global||^2 over its trainable weights; absent or 0: plain FedAvg.
   */
  proximalMu?: number;
}
