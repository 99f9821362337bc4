module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'secagg',
  rootDir: __dirname,
};
