module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'model-export',
  rootDir: __dirname,
};
