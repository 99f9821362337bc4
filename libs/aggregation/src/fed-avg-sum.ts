/**
 * FedAvg's running sum: sum_k n_k * delta_k (float64) and sum_k n_k, folded one update at a time so
 * that memory stays one model's worth however many clients report. The mean it leads to is
 * {@link meanFromWeightedSum}; {@link fedAvg} is this sum over a list. Secure aggregation reveals
 * only such a sum (never one client's delta), so both paths meet at `AggregationStrategy.aggregateSum`.
 *
 * @example
 * const sum = new FedAvgSum(2);
 * sum.add(new Float32Array([1, 0]), 1);
 * sum.add(new Float32Array([0, 1]), 3);
 * strategy.aggregateSum(global, sum.weightedSum, sum.totalWeight); // global + [0.25, 0.75]
 */
export class FedAvgSum {
  readonly weightedSum: Float64Array;
  totalWeight = 0;

  constructor(length: number) {
    if (!Number.isInteger(length) || length < 0) throw new RangeError(`length must be an integer >= 0, got ${length}`);
    this.weightedSum = new Float64Array(length);
  }

  /** Adds weight * delta to the sum and weight to the total; the caller has checked both. */
  add(delta: Float32Array, weight: number): void {
    if (delta.length !== this.weightedSum.length) {
      throw new RangeError(`delta has length ${delta.length}, expected ${this.weightedSum.length} (length mismatch)`);
    }
    const sum = this.weightedSum;
    for (let i = 0; i < delta.length; i++) sum[i] += weight * delta[i];
    this.totalWeight += weight;
  }

  /**
   * Adds another partial sum (sum_k n_k * delta_k and sum_k n_k over some other clients), e.g. one
   * coordinator node's clients: the result is the sum over both sets of clients.
   *
   * @example
   * leaderSum.addSum(nodePartial.weightedSum, nodePartial.totalWeight);
   */
  addSum(weightedSum: Float64Array, totalWeight: number): void {
    if (weightedSum.length !== this.weightedSum.length) {
      throw new RangeError(
        `partial sum has length ${weightedSum.length}, expected ${this.weightedSum.length} (length mismatch)`,
      );
    }
    if (!Number.isFinite(totalWeight) || totalWeight < 0) {
      throw new RangeError(`partial sum total weight must be finite and >= 0, got ${totalWeight}`);
    }
    const sum = this.weightedSum;
    for (let i = 0; i < weightedSum.length; i++) sum[i] += weightedSum[i];
    this.totalWeight += totalWeight;
  }
}
