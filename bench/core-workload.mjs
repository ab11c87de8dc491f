// Core workload, native vs wasm: the same request list through core_bench (native,
// release) and through core.wasm in Node, timed side by side in one run.
// usage: node bench/core-workload.mjs CORE_BENCH_BIN [SECONDS_PER_SIDE]
// Prints one JSON line: {"requests", "native_cps", "wasm_cps", "ratio"} (ratio = wasm time / native time).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { loadCore } from '../wasm/loader.mjs';
import { requestText, vectorFiles } from '../wasm/vectors.mjs';
import { sourceDir, wasmPath } from '../tests/node/helpers.mjs';

// The fixed mix the benchmark promises; ops not built yet are simply absent.
const kMixOps = ['triage.evaluate', 'points.apply', 'points.balance', 'visit.price'];

const [benchBin, secondsArg] = process.argv.slice(2);
const seconds = Number(secondsArg || 3);
const core = await loadCore(readFileSync(wasmPath));

const candidates = [];
for (const file of vectorFiles(join(sourceDir, 'tests', 'vectors'))) {
  for (const c of JSON.parse(readFileSync(file, 'utf8')).cases) {
    const text = requestText(c);
    let op;
    try {
      op = JSON.parse(text).op;
    } catch {
      continue;
    }
    if (JSON.parse(core.callText(text)).ok) candidates.push({ op, text });
  }
}
const mixed = candidates.filter((c) => kMixOps.includes(c.op));
const requests = (mixed.length ? mixed : candidates).map((c) => c.text);
const ops = [...new Set((mixed.length ? mixed : candidates).map((c) => c.op))].sort();

const dir = join(sourceDir, 'build', 'bench');
mkdirSync(dir, { recursive: true });
const workload = join(dir, 'core-workload.txt');
writeFileSync(workload, requests.join('\n') + '\n');

// Calibrate rounds on wasm so each side runs about `seconds`.
const encoded = requests.map((r) => Buffer.from(r));
let t0 = performance.now();
for (const r of encoded) core.callBytes(r);
const perRoundMs = Math.max(performance.now() - t0, 0.01);
const rounds = Math.max(1, Math.round((seconds * 1000) / perRoundMs));

t0 = performance.now();
for (let i = 0; i < rounds; i++) for (const r of encoded) core.callBytes(r);
const wasmSeconds = (performance.now() - t0) / 1000;

const native = JSON.parse(execFileSync(benchBin, [workload, String(rounds)]).toString());
const calls = rounds * requests.length;
console.log(JSON.stringify({
  requests: requests.length,
  ops,
  calls,
  native_cps: Math.round(native.calls_per_second),
  wasm_cps: Math.round(calls / wasmSeconds),
  ratio: Number((wasmSeconds / native.seconds).toFixed(2)),
}));
