// Core workload, native vs wasm: the same request list through core_bench (native,
// release; clinic::call, the function the wasm `call` export wraps) and through
// core.wasm in Node (the loader's callBytes: copy in, call, copy out), timed side by side.
// usage: node bench/core-workload.mjs CORE_BENCH_BIN [SECONDS_PER_SIDE]
// Prints one JSON line: {"requests", "ops", "calls", "native_cps", "wasm_cps", "ratio",
// "ratio_best", "by_op"}: ratio = wasm / native processor time per round (each side's
// median over the segments; calls per second likewise), ratio_best = wasm / native
// fastest wall-clock round, by_op = ratio for each op's requests alone.
//
// The two sides are timed by bench/side-by-side.mjs (same bytes, alternating segments).
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { loadCore } from '../wasm/loader.mjs';
import { requestText, vectorFiles } from '../wasm/vectors.mjs';
import { sourceDir, wasmPath } from '../tests/node/helpers.mjs';
import { sideBySide } from './side-by-side.mjs';

// The fixed mix the benchmark promises; ops not built yet are simply absent.
const kMixOps = ['triage.evaluate', 'points.apply', 'points.balance', 'visit.price'];
const kSegments = 5;
const kWarmupRounds = 3;

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
const chosen = mixed.length ? mixed : candidates;
const ops = [...new Set(chosen.map((c) => c.op))].sort();

const dir = join(sourceDir, 'build', 'bench');
mkdirSync(dir, { recursive: true });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Times `texts` on both sides for about `budgetSeconds` each: each side's median processor
// time per round over the segments, and its fastest wall-clock round.
function measure(name, texts, budgetSeconds) {
  const r = sideBySide({
    core,
    benchBin,
    file: join(dir, `core-workload${name ? '-' + name : ''}.txt`),
    texts,
    rounds: (roundMs) => Math.max(3, Math.round((budgetSeconds * 1000) / kSegments / roundMs)),
    warmupRounds: kWarmupRounds,
    segments: kSegments,
    label: name || 'mix',
  });
  return {
    rounds: r.rounds,
    wasmRound: median(r.wasm.cpu),
    nativeRound: median(r.native.cpu),
    wasmBest: r.wasm.best,
    nativeBest: r.native.best,
  };
}

const mix = measure('', chosen.map((c) => c.text), seconds);
const byOp = {};
for (const op of ops) {
  const r = measure(op, chosen.filter((c) => c.op === op).map((c) => c.text), seconds / ops.length);
  byOp[op] = Number((r.wasmRound / r.nativeRound).toFixed(2));
}
console.log(JSON.stringify({
  requests: chosen.length,
  ops,
  calls: mix.rounds * chosen.length,
  native_cps: Math.round(chosen.length / mix.nativeRound),
  wasm_cps: Math.round(chosen.length / mix.wasmRound),
  ratio: Number((mix.wasmRound / mix.nativeRound).toFixed(2)),
  ratio_best: Number((mix.wasmBest / mix.nativeBest).toFixed(2)),
  by_op: byOp,
}));
