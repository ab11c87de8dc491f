// What WeChat provides and jsdom does not: WXWebAssembly, which — like WeChat —
// accepts only a string path inside the code package (.wasm, or .wasm.br which it
// decompresses itself). Every call is recorded for the tests to inspect.
const { readFileSync } = require('node:fs');
const { join, normalize } = require('node:path');
const { brotliDecompressSync } = require('node:zlib');

const packageRoot = join(__dirname, '..', '..', 'miniprogram');
const calls = [];

global.WXWebAssembly = {
  calls,
  async instantiate(path, imports) {
    calls.push(path);
    if (typeof path !== 'string') throw new TypeError('WXWebAssembly.instantiate: path must be a string in the code package');
    if (!/\.wasm(\.br)?$/.test(path)) throw new TypeError('WXWebAssembly.instantiate: only .wasm or .wasm.br');
    const file = normalize(join(packageRoot, path));
    if (!file.startsWith(packageRoot)) throw new Error('path escapes the code package');
    let bytes = readFileSync(file);
    if (path.endsWith('.br')) bytes = brotliDecompressSync(bytes);
    return WebAssembly.instantiate(bytes, imports);
  },
};
