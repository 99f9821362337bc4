#!/usr/bin/env node
// Runs the TypeScript sources directly (tsx), so `npx edgefl-coordinator` works straight after `npm ci`.
require('tsx/cjs');
require('../src/main.ts');
