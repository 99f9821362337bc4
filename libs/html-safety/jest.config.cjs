module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'html-safety',
  rootDir: __dirname,
};
