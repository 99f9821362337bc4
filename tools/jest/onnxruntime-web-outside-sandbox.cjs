// The real onnxruntime-web, loaded by Node's own require instead of Jest's module registry.
// Why: its Node build loads the wasm glue (ort-wasm-simd-threaded.mjs) with a dynamic import(),
// which Jest's vm sandbox refuses without --experimental-vm-modules. Loaded here, the import runs
// in Node itself. Same code, same results (see tweetnacl-outside-sandbox.cjs for the technique).
const Module = require('node:module');

const loader = new Module(__filename, null);
loader.filename = __filename;
loader.paths = Module._nodeModulePaths(__dirname);
module.exports = loader.require('onnxruntime-web');
