/** Counts the rows of `probabilities` ([size, classes], row-major) whose argmax is the label. */
export function countCorrect(
  probabilities: Float32Array | Int32Array | Uint8Array,
  labels: Uint8Array,
  classes: number,
): number {
  let correct = 0;
  for (let row = 0; row < labels.length; row++) {
    let best = 0;
    for (let c = 1; c < classes; c++) {
      if (probabilities[row * classes + c] > probabilities[row * classes + best]) best = c;
    }
    if (best === labels[row]) correct++;
  }
  return correct;
}
