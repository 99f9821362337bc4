module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'cli-flags',
  rootDir: __dirname,
};
