module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'bench-tools',
  rootDir: __dirname,
};
