// One list of core requests timed natively and in wasm, side by side: natively through
// core_bench (release; clinic::call, the function the wasm `call` export wraps), in wasm
// through the loader's callBytes (copy in, call, copy out). Neither side counts a process
// start, a pipe or JSON text <-> JS string conversion.
//
// Fairness: both sides run the identical request bytes and do the identical work (the
// response bytes per round must match, checked here); both warm up first (the engine tiers
// the hot code up, the built-in triage catalogue loads on first use) and time whole rounds;
// the sides alternate in segments so that load from other processes on this shared machine
// hits both alike.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

// Returns, per side, each segment's processor seconds per round (immune to other processes
// holding the CPU; the Node figure is the whole process, so a garbage-collector or compiler
// thread counts against the wasm) and the fastest wall-clock round in seconds:
// { rounds, wasm: { cpu: [...], best }, native: { cpu: [...], best } }.
// `rounds` per segment: a number, or a function of the warm-up's milliseconds per round.
export function sideBySide({ core, benchBin, file, texts, rounds, warmupRounds = 3, segments = 5, label = '' }) {
  writeFileSync(file, texts.join('\n') + '\n');
  const encoded = texts.map((t) => Buffer.from(t));
  const round = () => {
    let bytes = 0;
    for (const r of encoded) bytes += core.callBytes(r).length;
    return bytes;
  };
  let bytesPerRound = 0;
  let t0 = performance.now();
  for (let i = 0; i < warmupRounds; i++) bytesPerRound = round();
  const roundMs = Math.max((performance.now() - t0) / warmupRounds, 0.01);
  const perSegment = typeof rounds === 'function' ? rounds(roundMs) : rounds;

  const wasm = { cpu: [], best: Infinity };
  const native = { cpu: [], best: Infinity };
  for (let s = 0; s < segments; s++) {
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < perSegment; i++) {
      t0 = performance.now();
      round();
      wasm.best = Math.min(wasm.best, (performance.now() - t0) / 1000);
    }
    const cpu = process.cpuUsage(cpu0);
    wasm.cpu.push((cpu.user + cpu.system) / 1e6 / perSegment);
    const n = JSON.parse(execFileSync(benchBin, [file, String(perSegment), String(warmupRounds)]).toString());
    if (n.checksum !== bytesPerRound * (perSegment + warmupRounds)) {
      throw new Error(`${label}: native answered ${n.checksum} bytes, wasm ${bytesPerRound} per round`);
    }
    native.cpu.push(n.cpu_seconds / perSegment);
    native.best = Math.min(native.best, n.best_round_s);
  }
  return { rounds: perSegment * segments, wasm, native };
}
