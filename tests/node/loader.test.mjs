import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { brotliDecompressSync } from 'node:zlib';

import { CoreError, decodeUtf8, encodeUtf8, loadCore } from '../../wasm/loader.mjs';
import { requireBuilt, wasmPath } from './helpers.mjs';

const bytes = readFileSync(requireBuilt(wasmPath));

test('exports only memory, alloc, free, call (+ _initialize) and no Globals', () => {
  const exports = WebAssembly.Module.exports(new WebAssembly.Module(bytes));
  assert.deepEqual(exports.map((e) => e.name).sort(), ['_initialize', 'alloc', 'call', 'free', 'memory']);
  assert.equal(exports.filter((e) => e.kind === 'global').length, 0);
});

test('imports no stdio: printf and friends stay out of core.wasm (size budget)', () => {
  // wasm/libc_unused.cpp and core/src/json_impl.cpp keep libc's formatting out; a core
  // change that pulls stdio back in shows up here as fd_write/fd_seek/fd_close imports.
  const imports = WebAssembly.Module.imports(new WebAssembly.Module(bytes)).map((i) => i.name);
  assert.deepEqual(imports.filter((n) => n.startsWith('fd_')), []);
});

test('loads from bytes; ok values come back, errors throw CoreError with code and path', async () => {
  const core = await loadCore(bytes);
  assert.deepEqual(core.call({ op: 'money.allocate', v: 1, total_fen: 100, weights: [1, 1, 1] }), { shares_fen: [34, 33, 33] });
  assert.throws(
    () => core.call({ op: 'calendar.local', v: 1, lang: 'en', at_ms: 1 }),
    (e) => e instanceof CoreError && e.code === 'invalid_field' && e.path === '$.at_ms' && /expected an integer/.test(e.message),
  );
});

test('loads from a URL over real HTTP (the browser path)', async () => {
  const server = createServer((req, res) => {
    if (req.url !== '/core.wasm') return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/wasm' }).end(bytes);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  try {
    const core = await loadCore({ url: `http://127.0.0.1:${server.address().port}/core.wasm` });
    assert.equal(core.call({ op: 'calendar.local', v: 1, at_ms: 1769875200000 }).date, '2026-02-01');
    await assert.rejects(loadCore({ url: `http://127.0.0.1:${server.address().port}/missing.wasm` }), /404/);
  } finally {
    server.close();
  }
});

test('loads in WeChat through a path-only WXWebAssembly, .wasm.br accepted', async () => {
  const pkg = mkdtempSync(join(tmpdir(), 'wxpkg-'));
  copyFileSync(wasmPath + '.br', join(pkg, 'core.wasm.br'));
  const seen = [];
  globalThis.WXWebAssembly = {
    // Like WeChat: the first argument must be a string path inside the package.
    async instantiate(path, imports) {
      if (typeof path !== 'string') throw new TypeError('WXWebAssembly.instantiate takes a package path');
      seen.push(path);
      let data = readFileSync(join(pkg, path));
      if (path.endsWith('.br')) data = brotliDecompressSync(data);
      return WebAssembly.instantiate(data, imports);
    },
  };
  try {
    const core = await loadCore({ wxPath: 'core.wasm.br' });
    assert.deepEqual(seen, ['core.wasm.br']);
    assert.equal(core.call({ op: 'core.version', v: 1 }).version, '0.1.0');
  } finally {
    delete globalThis.WXWebAssembly;
  }
});

test('UTF-8 fallback matches TextEncoder/TextDecoder when they are absent', async () => {
  const samples = ['', 'abc', '肚子疼，发烧 38.5°C', '😀 emoji', 'mixed ä ß ø 中文 \u0000 end', '\ud800 lone'];
  const native = samples.map((s) => Buffer.from(new TextEncoder().encode(s)).toString('hex'));
  const { TextEncoder: TE, TextDecoder: TD } = globalThis;
  delete globalThis.TextEncoder;
  delete globalThis.TextDecoder;
  try {
    samples.forEach((s, i) => {
      assert.equal(Buffer.from(encodeUtf8(s)).toString('hex'), native[i], `encode ${JSON.stringify(s)}`);
      if (!s.includes('\ud800')) assert.equal(decodeUtf8(encodeUtf8(s)), s);
    });
    const core = await loadCore(bytes);
    assert.throws(() => core.call({ op: '未知', v: 1 }), (e) => e.message === '未知操作：未知');
  } finally {
    globalThis.TextEncoder = TE;
    globalThis.TextDecoder = TD;
  }
});

test('large requests grow memory, and repeated calls do not leak', async () => {
  const core = await loadCore(bytes);
  const big = { op: 'money.allocate', v: 1, total_fen: 1000, weights: Array(1000).fill(7), pad: 'x'.repeat(900_000) };
  assert.throws(() => core.call(big), (e) => e.code === 'invalid_field' && e.path === '$.pad');
  const req = { op: 'money.allocate', v: 1, total_fen: 1000, weights: Array(1000).fill(7) };
  for (let i = 0; i < 200; i++) core.call(req);
  const after = core.memory.buffer.byteLength;
  for (let i = 0; i < 5000; i++) core.call(req);
  assert.equal(core.memory.buffer.byteLength, after, 'memory kept growing over 5000 identical calls');
});

test('the generated CommonJS loader (for WeChat) behaves the same', async () => {
  const require = createRequire(import.meta.url);
  const cjs = require(join(dirname(wasmPath), 'loader.cjs'));
  const core = await cjs.loadCore(bytes);
  assert.deepEqual(core.call({ op: 'money.allocate', v: 1, total_fen: 5, weights: [1, 1] }), { shares_fen: [3, 2] });
  assert.throws(() => core.call({ op: 'x', v: 1 }), (e) => e instanceof cjs.CoreError && e.code === 'unknown_op');
});
