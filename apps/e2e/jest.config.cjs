module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'e2e',
  rootDir: __dirname,
  testTimeout: 180_000,
  // No forceExit: every test closes what it opened (servers, sockets, child processes, browsers), so
  // the suite ends by itself; a leak shows up as "Jest did not exit" / "A worker process has failed to
  // exit gracefully" (find it with --detectOpenHandles) instead of being hidden.
};
