/** Loss and accuracy of a model on the held-out set. */
export interface ModelEvaluation {
  loss: number;
  accuracy: number;
}
