// Worker threads do not inherit the main thread's TypeScript loader: register it here.
require('tsx/cjs');
require('./simulation-worker.ts');
