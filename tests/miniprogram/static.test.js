// Static checks over the package that rendering tests can miss on paths they do not take:
// every event handler named in a page's WXML exists among its methods, and every string
// key the pages use exists in both languages (and both languages have the same keys).
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const app = require('../../miniprogram/app.json');
const { dict } = require('../../miniprogram/lib/i18n.js');

const pkg = join(__dirname, '..', '..', 'miniprogram');

function definitionOf(page) {
  let def = null;
  const saved = global.Component;
  global.Component = (options) => { def = options; };
  try {
    jest.isolateModules(() => require(join(pkg, `${page}.js`)));
  } finally {
    global.Component = saved;
  }
  return def;
}

test.each(app.pages)('%s: every WXML event handler is a method', (page) => {
  const wxml = readFileSync(join(pkg, `${page}.wxml`), 'utf8');
  const def = definitionOf(page);
  const handlers = [...wxml.matchAll(/\b(?:bind|catch)(?::)?\w+="(\w+)"/g)].map((m) => m[1]);
  for (const h of handlers) expect([page, h, typeof def.methods[h]]).toEqual([page, h, 'function']);
});

test('zh-CN and en have the same string keys', () => {
  expect(Object.keys(dict.en).sort()).toEqual(Object.keys(dict['zh-CN']).sort());
});

test.each(app.pages)('%s: every string key it uses exists', (page) => {
  const wxml = readFileSync(join(pkg, `${page}.wxml`), 'utf8');
  const js = readFileSync(join(pkg, `${page}.js`), 'utf8');
  const keys = [...wxml.matchAll(/\bs\.(\w+)/g), ...js.matchAll(/i18n\.(?:t|applyTitle)\('(\w+)'/g)].map((m) => m[1]);
  for (const k of keys) {
    expect([page, k, k in dict['zh-CN']]).toEqual([page, k, true]);
  }
});

test('the package holds only what WeChat uploads and runs: no eval, no new Function, no Node modules', () => {
  const { packageFiles } = require('../../scripts/lib/miniprogram-package.cjs');
  const files = packageFiles();
  for (const f of files) expect([f, /\.(js|json|wxml|wxss|wasm\.br)$/.test(f)]).toEqual([f, true]);
  for (const f of files.filter((x) => x.endsWith('.js'))) {
    const src = readFileSync(f, 'utf8').replace(/\/\/.*$/gm, '');
    expect([f, /\beval\s*\(|new\s+Function\s*\(/.test(src)]).toEqual([f, false]);
    const requires = [...src.matchAll(/\brequire\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]);
    for (const r of requires) expect([f, r, r.startsWith('.')]).toEqual([f, r, true]); // package-relative only
  }
});
