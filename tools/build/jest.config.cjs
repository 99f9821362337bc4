module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'build-tools',
  rootDir: __dirname,
};
