// A child process does not inherit the parent's TypeScript loader: register it here.
require('tsx/cjs');
require('./coordinator-process-main.ts');
