#!/usr/bin/env node
// Developer harness over the wasm core.
//   node wasm/harness.mjs call '<json>'      one request, prints the response
//   node wasm/harness.mjs vectors <dir>      runs test vectors, reports pass/fail
//   node wasm/harness.mjs repl               one request per line, interactively
// More modes (e.g. `triage`) live in wasm/harness-<mode>.mjs and are found by name.
// The module is build/wasm-release/wasm/core.wasm unless CLINIC_WASM names another.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync } from 'node:zlib';

import { loadCore } from './loader.mjs';
import { runVectorFile, vectorFiles } from './vectors.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const defaultWasmPath = resolve(here, '..', 'build', 'wasm-release', 'wasm', 'core.wasm');

export async function loadCoreFromDisk(path = process.env.CLINIC_WASM || defaultWasmPath) {
  if (!existsSync(path)) throw new Error(`no wasm at ${path}: build it with scripts/build wasm`);
  let bytes = readFileSync(path);
  if (path.endsWith('.br')) bytes = brotliDecompressSync(bytes);
  return loadCore(bytes);
}

async function callCommand(core, args) {
  if (args.length !== 1) throw new Error("usage: harness.mjs call '<json>'");
  console.log(core.callText(args[0]));
  return 0;
}

async function vectorsCommand(core, args) {
  const dir = args[0] || resolve(here, '..', 'tests', 'vectors');
  let passed = 0;
  let failed = 0;
  for (const file of vectorFiles(dir)) {
    for (const r of runVectorFile(core.callText, file)) {
      if (r.failure) {
        failed++;
        console.log(`FAIL ${r.file} :: ${r.name}\n     ${r.failure}`);
      } else passed++;
    }
  }
  console.log(`vectors: ${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

async function replCommand(core) {
  const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: 'core> ' });
  console.log('One request per line, e.g. {"op":"core.version","v":1}. Ctrl-D to quit.');
  rl.prompt();
  for await (const line of rl) {
    if (line.trim()) console.log(core.callText(line));
    rl.prompt();
  }
  return 0;
}

const builtins = { call: callCommand, vectors: vectorsCommand, repl: replCommand };

async function main(argv) {
  const [mode, ...args] = argv;
  const core = await loadCoreFromDisk();
  if (builtins[mode]) return builtins[mode](core, args);
  const extension = join(here, `harness-${mode}.mjs`);
  if (mode && /^[a-z]+$/.test(mode) && existsSync(extension)) {
    const { run } = await import(extension);
    return run(core, args);
  }
  console.error('usage: node wasm/harness.mjs call <json> | vectors [dir] | repl' +
    (existsSync(join(here, 'harness-triage.mjs')) ? ' | triage [--script answers.json]' : ''));
  return 2;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then((code) => process.exit(code), (err) => {
    console.error(err.message);
    process.exit(1);
  });
}
