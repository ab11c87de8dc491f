// Core workload, native vs wasm: the same request list through core_bench (native,
// release; clinic::call, the function the wasm `call` export wraps) and through
// core.wasm in Node (the loader's callBytes: copy in, call, copy out), timed side by side.
// usage: node bench/core-workload.mjs CORE_BENCH_BIN [SECONDS_PER_SIDE]
// Prints one JSON line: {"requests", "ops", "calls", "native_cps", "wasm_cps", "ratio",
// "ratio_best", "by_op"}: ratio = wasm / native processor time per round (each side's
// median over the segments; calls per second likewise), ratio_best = wasm / native
// fastest wall-clock round, by_op = ratio for each op's requests alone.
//
// Fairness: both sides run the identical request bytes and do the identical work (the
// response bytes per round must match, checked below); both warm up first (the built-in
// triage catalogue loads on first use) and time whole rounds; the two sides alternate in
// segments so that load from other processes on this shared machine hits both alike.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { loadCore } from '../wasm/loader.mjs';
import { requestText, vectorFiles } from '../wasm/vectors.mjs';
import { sourceDir, wasmPath } from '../tests/node/helpers.mjs';

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

// Times `texts` on both sides for about `budgetSeconds` each. Per segment: processor
// seconds per round (immune to other processes holding the CPU; the Node figure is the
// whole process, so a garbage-collector or compiler thread counts against the wasm) and
// the fastest wall-clock round.
function measure(name, texts, budgetSeconds) {
  const file = join(dir, `core-workload${name ? '-' + name : ''}.txt`);
  writeFileSync(file, texts.join('\n') + '\n');
  const encoded = texts.map((t) => Buffer.from(t));
  const round = () => {
    let bytes = 0;
    for (const r of encoded) bytes += core.callBytes(r).length;
    return bytes;
  };
  let bytesPerRound = 0;
  let t0 = performance.now();
  for (let i = 0; i < kWarmupRounds; i++) bytesPerRound = round();
  const roundMs = Math.max((performance.now() - t0) / kWarmupRounds, 0.01);
  const rounds = Math.max(3, Math.round((budgetSeconds * 1000) / kSegments / roundMs));

  const wasm = { cpu: [], best: Infinity };
  const native = { cpu: [], best: Infinity };
  for (let s = 0; s < kSegments; s++) {
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < rounds; i++) {
      t0 = performance.now();
      round();
      wasm.best = Math.min(wasm.best, (performance.now() - t0) / 1000);
    }
    const cpu = process.cpuUsage(cpu0);
    wasm.cpu.push((cpu.user + cpu.system) / 1e6 / rounds);
    const n = JSON.parse(execFileSync(benchBin, [file, String(rounds), String(kWarmupRounds)]).toString());
    if (n.checksum !== bytesPerRound * (rounds + kWarmupRounds)) {
      throw new Error(`${name || 'mix'}: native answered ${n.checksum} bytes, wasm ${bytesPerRound} per round`);
    }
    native.cpu.push(n.cpu_seconds / rounds);
    native.best = Math.min(native.best, n.best_round_s);
  }
  return {
    rounds: rounds * kSegments,
    wasmRound: median(wasm.cpu),
    nativeRound: median(native.cpu),
    wasmBest: wasm.best,
    nativeBest: native.best,
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
