// Derives a CommonJS copy (WeChat's module system) of a shared ES module (loader.mjs, format.mjs),
// so there is one source. Usage: node wasm/make-cjs.mjs OUT.cjs [SOURCE.mjs in wasm/, default loader.mjs]
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const sourceName = process.argv[3] || 'loader.mjs';
const source = readFileSync(join(here, sourceName), 'utf8');
const names = [];
const body = source.replace(/^export (async function|function|class|const) (\w+)/gm, (_, kind, name) => {
  names.push(name);
  return `${kind} ${name}`;
});
if (/^\s*(import|export)\b/m.test(body)) throw new Error(`${sourceName} has an import/export the CJS copy cannot carry`);
const out = `// GENERATED from wasm/${sourceName} by wasm/make-cjs.mjs. Do not edit.\n'use strict';\n${body}\nmodule.exports = { ${names.join(', ')} };\n`;
const target = process.argv[2] || join(here, '..', 'build', sourceName.replace(/\.mjs$/, '.cjs'));
writeFileSync(target, out);
console.log(`wrote ${target} (${names.join(', ')})`);
