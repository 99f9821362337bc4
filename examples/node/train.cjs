// A device app in Node (CommonJS) that joins an EdgeFL coordinator and trains on its own data.
//   npm install @edgefl/client @edgefl/runtime
//   npx edgefl-coordinator --port 7070            (in another terminal: npm install @edgefl/coordinator-app)
//   node train.cjs
const { FederatedClient } = require('@edgefl/client');
const { initializeBackend } = require('@edgefl/runtime/node');

const url = process.env.EDGEFL_URL ?? 'http://127.0.0.1:7070';
// The coordinator's model input is side x side x 1 (edgefl-coordinator --input-size, default 28).
const side = Number(process.env.EDGEFL_INPUT_SIDE ?? 28);
const seed = Number(process.env.EDGEFL_SEED ?? 1);

/**
 * The app's local examples, here generated: 10 classes, each a bright square at its own place
 * on a noisy background. Real apps fill the same shape from their own data: `images` holds
 * `count` images of `shape` (height, width, channels) back to back, `labels[i]` is image i's class.
 */
function makeExamples(count, side, seed) {
  let state = seed >>> 0 || 1;
  const random = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const images = new Float32Array(count * side * side);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const label = i % 10;
    labels[i] = label;
    const top = Math.floor((label / 5) % 2) * Math.floor(side / 2);
    const left = (label % 5) * Math.floor(side / 5);
    for (let y = 0; y < side; y++) {
      for (let x = 0; x < side; x++) {
        const inside =
          y >= top &&
          y < top + Math.max(1, Math.floor(side / 4)) &&
          x >= left &&
          x < left + Math.max(1, Math.floor(side / 5));
        images[i * side * side + y * side + x] = (inside ? 0.8 : 0) + 0.2 * random();
      }
    }
  }
  return { images, labels, shape: [side, side, 1], classes: 10, count };
}

async function main() {
  // tfjs-node's native backend when installed, else WebAssembly (with EdgeFL's conv gradients).
  const backend = await initializeBackend();
  const client = new FederatedClient({ url, data: makeExamples(64, side, seed) });
  client.on('connected', ({ clientId }) => console.log(`connected to ${url} as ${clientId} (tfjs backend ${backend})`));
  client.on('update-sent', ({ bytes, numSamples, loss }) =>
    console.log(`sent an update: ${bytes} bytes, ${numSamples} examples, loss ${loss.toFixed(4)}`),
  );
  client.on('round-end', ({ round, outcome, modelVersion }) =>
    console.log(`round ${round} ${outcome}, global model version ${modelVersion}`),
  );
  client.on('error', (error) => console.error(`error: ${error.message}`));

  const summary = await client.run(); // resolves when the coordinator ends the run
  console.log(
    `run ended (${summary.reason}): took part in ${summary.roundsParticipated} rounds, model version ${summary.modelVersion}`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
