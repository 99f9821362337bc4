/**
 * Error feedback (error compensation) for lossy update compression: the part of an update that
 * quantization or clipping lost is remembered and added to the next round's update, so the sum of
 * what a client sends over many rounds tracks the sum of its true updates (their difference is the
 * current residual, not a growing random walk). Keep one per client and model; state is the
 * residual, length `length`, kept in float64.
 *
 * @example
 * const feedback = new ErrorFeedback(delta.length);
 * const target = feedback.apply(delta);              // delta + residual
 * const q = stochasticQuantize(target, config, seed);
 * feedback.record(target, dequantize(q));            // residual = target - sent
 */
export class ErrorFeedback {
  private readonly residualValues: Float64Array;

  constructor(readonly length: number) {
    if (!Number.isInteger(length) || length < 0)
      throw new RangeError(`length must be a non-negative integer, got ${length}`);
    this.residualValues = new Float64Array(length);
  }

  /** Returns a new array `delta + residual` (float32), the vector to compress this round. */
  apply(delta: Float32Array): Float32Array {
    this.assertVector(delta, 'delta');
    const target = new Float32Array(this.length);
    const residual = this.residualValues;
    for (let i = 0; i < target.length; i++) target[i] = delta[i] + residual[i];
    return target;
  }

  /** Remembers what this round lost: `residual = target - sent`, `sent` being the dequantized upload. */
  record(target: Float32Array, sent: Float32Array): void {
    this.assertVector(target, 'target');
    this.assertVector(sent, 'sent');
    const residual = this.residualValues;
    for (let i = 0; i < residual.length; i++) residual[i] = target[i] - sent[i];
  }

  /** Forgets the residual, e.g. when the client rejoins after missing rounds or the model changes. */
  reset(): void {
    this.residualValues.fill(0);
  }

  /** A copy of the current residual. */
  get residual(): Float64Array {
    return this.residualValues.slice();
  }

  private assertVector(vector: Float32Array, argName: string): void {
    if (!(vector instanceof Float32Array)) throw new TypeError(`${argName} must be a Float32Array`);
    if (vector.length !== this.length) {
      throw new RangeError(`${argName} has length ${vector.length}, this ErrorFeedback has length ${this.length}`);
    }
  }
}
