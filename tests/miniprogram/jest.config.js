// jest + miniprogram-simulate (jsdom) for the patient mini-program.
module.exports = {
  rootDir: '../..',
  testEnvironment: 'jsdom',
  testMatch: ['<rootDir>/tests/miniprogram/**/*.test.js'],
  setupFiles: ['<rootDir>/tests/miniprogram/wx-shim.js'],
  testTimeout: 120000,  // failure cap per test; waits are on conditions (page-helpers until)
};
