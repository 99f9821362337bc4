// A TypeScript app against the shipped declarations (CommonJS here; app.mts is the ES module twin).
// The package check type-checks both with `moduleResolution` node16 and bundler, strict.
import { FederatedClient } from '@edgefl/client';
import type { ClientRunSummary, FederatedClientOptions, LocalTrainer } from '@edgefl/client';
import type { LocalDataset } from '@edgefl/runtime';
import { initializeBackend } from '@edgefl/runtime/node';

export function makeData(count: number, side: number): LocalDataset {
  const images = new Float32Array(count * side * side);
  const labels = Uint8Array.from({ length: count }, (_, i) => i % 10);
  return { images, labels, shape: [side, side, 1], classes: 10, count };
}

export async function join(url: string, trainer?: LocalTrainer): Promise<ClientRunSummary> {
  const backend: string = await initializeBackend({ backend: 'auto' });
  const options: FederatedClientOptions = { url, data: makeData(32, 28), trainer, platform: `example (${backend})` };
  const client = new FederatedClient(options);
  client.on('round-end', ({ round, outcome, modelVersion }) =>
    console.log(round, outcome.toUpperCase(), modelVersion + 1),
  );
  client.on('update-sent', ({ bytes }) => console.log(bytes.toFixed(0)));
  return client.run();
}

// The declarations are real types, not `any`: each line below must be a type error.
// @ts-expect-error url must be a string
new FederatedClient({ url: 7070, data: makeData(1, 28) });
// @ts-expect-error a dataset needs labels
export const broken: LocalDataset = { images: new Float32Array(784), shape: [28, 28, 1], classes: 10, count: 1 };
