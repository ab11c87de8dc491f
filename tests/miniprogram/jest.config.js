// jest + miniprogram-simulate (jsdom) for the patient mini-program.
module.exports = {
  rootDir: '../..',
  testEnvironment: 'jsdom',
  testMatch: ['<rootDir>/tests/miniprogram/**/*.test.js'],
  setupFiles: ['<rootDir>/tests/miniprogram/wx-shim.js'],
  testTimeout: 30000,
};
