module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'coordinator-app',
  rootDir: __dirname,
};
