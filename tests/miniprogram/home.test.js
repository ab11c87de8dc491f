const simulate = require('miniprogram-simulate');
const { join } = require('node:path');

test('home shows the on-device engine version once the wasm has loaded', async () => {
  const id = simulate.load(join(__dirname, '..', '..', 'miniprogram', 'pages', 'home', 'home'));
  const page = simulate.render(id);
  page.attach(document.createElement('parent-wrapper'));
  for (let i = 0; i < 50 && !page.data.coreStatus.startsWith('本机引擎'); i++) await simulate.sleep(20);
  expect(page.querySelector('.core-status').dom.textContent).toBe('本机引擎 0.1.0');
});
