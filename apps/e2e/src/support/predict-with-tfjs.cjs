// A fresh Node process that knows nothing of EdgeFL: TensorFlow.js' own loader and the pure-JS cpu
// backend. Usage: node predict-with-tfjs.cjs <model.json URL> <images file (float32 LE)> <shape JSON> [bearer token]
// Prints one JSON line: the model's version (from its metadata), the backend, and the model's outputs
// on the images (float32 LE bytes, base64).
const { readFileSync } = require('node:fs');
const tf = require('@tensorflow/tfjs-core');
require('@tensorflow/tfjs-backend-cpu');
const tfl = require('@tensorflow/tfjs-layers');

async function main() {
  const [url, imagesFile, shapeJson, token] = process.argv.slice(2);
  await tf.setBackend('cpu');
  await tf.ready();
  const model = await tfl.loadLayersModel(
    url,
    token ? { requestInit: { headers: { authorization: `Bearer ${token}` } } } : undefined,
  );
  const bytes = readFileSync(imagesFile);
  const images = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const shape = JSON.parse(shapeJson);
  const output = model.predict(tf.tensor(images, shape));
  const outputs = Buffer.from(output.dataSync().buffer);
  process.stdout.write(
    JSON.stringify({
      backend: tf.getBackend(),
      metadata: model.getUserDefinedMetadata(),
      outputShape: output.shape,
      outputs: outputs.toString('base64'),
    }) + '\n',
  );
}

main().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(1);
});
