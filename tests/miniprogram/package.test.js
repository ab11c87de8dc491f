// WeChat's limits: main package ≤ 2 MB, and our budget for core.wasm.br ≤ 210,000 bytes (raised from 150,000 for the
// triage child and audience texts, issue 14: see README "core.wasm: size and speed").
const { statSync } = require('node:fs');
const { join } = require('node:path');
const { kPackageLimitBytes, kWasmBrBudgetBytes, packageDir, packageSize } = require('../../scripts/lib/miniprogram-package.cjs');

test('package fits in 2 MB', () => {
  const size = packageSize();
  console.log(`miniprogram package: ${size} bytes`);
  expect(size).toBeGreaterThan(0);
  expect(size).toBeLessThanOrEqual(kPackageLimitBytes);
});

test('core.wasm.br fits its 210,000-byte budget', () => {
  const size = statSync(join(packageDir, 'core', 'core.wasm.br')).size;
  console.log(`core.wasm.br: ${size} bytes; budget ${kWasmBrBudgetBytes}`);
  expect(kWasmBrBudgetBytes).toBe(210000);
  expect(size).toBeLessThanOrEqual(kWasmBrBudgetBytes);
});

test('every page is a Component (testable) and is listed in app.json', () => {
  const app = require('../../miniprogram/app.json');
  for (const page of app.pages) {
    const json = require(join(packageDir, page + '.json'));
    expect(json.component).toBe(true);
    const src = require('node:fs').readFileSync(join(packageDir, page + '.js'), 'utf8');
    expect(src).toMatch(/\bComponent\(/);
    expect(src).not.toMatch(/\bPage\(/);
  }
});
