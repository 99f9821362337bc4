import * as tf from '@tensorflow/tfjs-core';
import type { BackendName } from '../backend-name';
import { useBackend } from '../use-backend';

/**
 * Runs one shared suite once per backend (in the spirit of tfjs' describeWithFlags): the
 * backend is activated before the suite's tests and the previous one restored after.
 */
export function describeForBackends(
  backends: readonly BackendName[],
  name: string,
  suite: (backend: BackendName) => void,
): void {
  for (const backend of backends) {
    describe(`${name} [${backend}]`, () => {
      let previous: string;
      beforeAll(async () => {
        previous = tf.getBackend();
        await useBackend(backend);
      });
      afterAll(async () => {
        if (previous && previous !== tf.getBackend()) await tf.setBackend(previous);
      });
      suite(backend);
    });
  }
}
