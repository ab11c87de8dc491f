const simulate = require('miniprogram-simulate');
const { join } = require('node:path');
const { until } = require('./page-helpers.js');

test('home shows the on-device engine version once the wasm has loaded', async () => {
  const id = simulate.load(join(__dirname, '..', '..', 'miniprogram', 'pages', 'home', 'home'));
  const page = simulate.render(id);
  page.attach(document.createElement('parent-wrapper'));
  // Loading core.wasm.br (brotli + instantiate) takes what it takes on a loaded machine: wait for it.
  await until(() => page.data.coreStatus.startsWith('本机引擎'), 'the on-device engine');
  expect(page.querySelector('.core-status').dom.textContent).toBe('本机引擎 0.1.0');
});
