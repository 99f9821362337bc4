#!/usr/bin/env node
// Runs the compiled CLI: the published package ships dist/; in a clone, `npm run build` writes it.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const main = join(__dirname, '..', 'dist', 'cjs', 'main.js');
if (!existsSync(main)) {
  process.stderr.write(
    `edgefl-sim: ${main} is missing; in a clone of the EdgeFL repository, run \`npm run build\` first\n`,
  );
  process.exit(1);
}
require(main);
