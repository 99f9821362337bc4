module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'browser-client',
  rootDir: __dirname,
};
