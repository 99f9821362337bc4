#!/usr/bin/env node
// Runs the compiled CLI (`npm run build` writes dist/ in a clone; the published package ships it).
require('../dist/cjs/main.js');
