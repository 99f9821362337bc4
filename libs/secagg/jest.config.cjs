const preset = require('../../jest.preset.cjs');

module.exports = {
  ...preset,
  displayName: 'secagg',
  rootDir: __dirname,
  // tweetnacl outside Jest's sandbox: 10x faster crypto, see the comment in that file.
  moduleNameMapper: { '^tweetnacl$': '<rootDir>/jest/tweetnacl-outside-sandbox.cjs', ...preset.moduleNameMapper },
};
