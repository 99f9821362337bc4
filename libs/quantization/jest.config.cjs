module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'quantization',
  rootDir: __dirname,
};
