// Derives the CommonJS loader (WeChat's module system) from loader.mjs, so there is
// one loader source. Usage: node wasm/make-cjs.mjs OUT.cjs
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const source = readFileSync(join(here, 'loader.mjs'), 'utf8');
const names = [];
const body = source.replace(/^export (async function|function|class|const) (\w+)/gm, (_, kind, name) => {
  names.push(name);
  return `${kind} ${name}`;
});
if (/^\s*(import|export)\b/m.test(body)) throw new Error('loader.mjs has an import/export the CJS copy cannot carry');
const out = `// GENERATED from wasm/loader.mjs by wasm/make-cjs.mjs. Do not edit.\n'use strict';\n${body}\nmodule.exports = { ${names.join(', ')} };\n`;
const target = process.argv[2] || join(here, '..', 'build', 'loader.cjs');
writeFileSync(target, out);
console.log(`wrote ${target} (${names.join(', ')})`);
