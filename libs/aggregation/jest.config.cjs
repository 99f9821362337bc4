module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'aggregation',
  rootDir: __dirname,
};
