module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'coordinator-store',
  rootDir: __dirname,
};
