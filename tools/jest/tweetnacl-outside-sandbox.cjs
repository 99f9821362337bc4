// The real tweetnacl, loaded by Node's own require instead of Jest's module registry.
// Why: inside Jest's vm sandbox every global lookup goes through the context's interceptors
// (Node 20), and tweetnacl's field arithmetic calls Math.floor in its innermost loops, so each
// signature check costs ~70 ms instead of ~7 ms. Loaded here it runs at native speed. Jest's
// node environment shares the outer Uint8Array with the sandbox, so tweetnacl's
// `instanceof Uint8Array` checks still hold. Same code, same results: only faster.
// (Jest replaces module.createRequire with its own registry, so build a plain Node module by hand.)
const Module = require('node:module');

const loader = new Module(__filename, null);
loader.filename = __filename;
loader.paths = Module._nodeModulePaths(__dirname);
module.exports = loader.require('tweetnacl');
