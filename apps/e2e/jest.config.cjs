module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'e2e',
  rootDir: __dirname,
  testTimeout: 180_000,
  // A failing e2e test can leave a server or socket behind; CI must still end.
  forceExit: true,
};
