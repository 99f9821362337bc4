module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'chromium-tools',
  rootDir: __dirname,
};
