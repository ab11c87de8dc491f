#!/usr/bin/env node
// Native vs wasm, byte for byte: node tests/differential/run.mjs [--count N] [--seed S]
// Prints "differential: N cases, M mismatches, C crashes" and exits non-zero on any.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { loadCore } from '../../wasm/loader.mjs';
import { cliPath, requireBuilt, wasmPath } from '../node/helpers.mjs';
import { generate } from './generate.mjs';

export async function runDifferential({ count = 10000, seed = 20261122 } = {}) {
  const core = await loadCore(readFileSync(requireBuilt(wasmPath)));
  const ops = core.call({ op: 'core.version', v: 1 }).ops.map((o) => o.op);
  const lines = generate({ seed, count, ops, core });
  const native = spawnSync(requireBuilt(cliPath), ['--lines'], {
    input: Buffer.concat(lines.flatMap((l) => [l, Buffer.from('\n')])),
    maxBuffer: 1 << 30,
  });
  // Line by line (the whole output can exceed the longest string V8 makes).
  const nativeOut = [];
  for (let at = 0; at < native.stdout.length;) {
    const nl = native.stdout.indexOf(0x0a, at);
    if (nl < 0) break;  // nothing after the last newline
    nativeOut.push(native.stdout.subarray(at, nl).toString('binary'));
    at = nl + 1;
  }
  let mismatches = 0;
  let crashes = native.status === 0 ? 0 : 1;
  const examples = [];
  const kinds = new Map();
  const okByOp = new Map();
  // Triage coverage: successful triage calls per answerer, and those carrying a "not_sure" answer.
  const triageOk = { self: 0, parent: 0, relative: 0, not_sure: 0 };
  for (let i = 0; i < lines.length; i++) {
    let wasmOut;
    try {
      wasmOut = Buffer.from(core.callBytes(lines[i])).toString('binary');
    } catch (e) {
      crashes++;
      examples.push(`#${i} wasm threw ${e.message}`);
      continue;
    }
    const parsed = JSON.parse(Buffer.from(wasmOut, 'binary').toString('utf8'));
    const kind = parsed.ok ? 'ok' : parsed.error.code;
    kinds.set(kind, (kinds.get(kind) || 0) + 1);
    if (parsed.ok) {
      const op = /"op":"([a-z.]+)"/.exec(lines[i].toString('utf8'))?.[1] || '?';
      okByOp.set(op, (okByOp.get(op) || 0) + 1);
      if (op.startsWith('triage.')) {
        const text = lines[i].toString('utf8');
        const who = /"answerer":"(self|parent|relative)"/.exec(text)?.[1];
        if (who) triageOk[who]++;
        if (/"(answer|[a-z0-9_]+)":"not_sure"/.test(text)) triageOk.not_sure++;
      }
    }
    if (wasmOut !== nativeOut[i]) {
      mismatches++;
      if (examples.length < 5) examples.push(`#${i} native=${nativeOut[i]?.slice(0, 200)} wasm=${wasmOut.slice(0, 200)}`);
    }
  }
  if (nativeOut.length !== lines.length) examples.push(`native printed ${nativeOut.length} lines for ${lines.length} requests`);
  return { count: lines.length, mismatches, crashes, nativeLines: nativeOut.length, kinds: Object.fromEntries(kinds), examples,
    okByOp: Object.fromEntries(okByOp), triageOk };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? Number(process.argv[i + 1]) : fallback;
  };
  const r = await runDifferential({ count: arg('--count', 10000), seed: arg('--seed', 20261122) });
  console.log(`differential: ${r.count} cases, ${r.mismatches} mismatches, ${r.crashes} crashes`);
  console.log(`outcomes: ${JSON.stringify(r.kinds)}`);
  for (const e of r.examples) console.log(e);
  process.exit(r.mismatches || r.crashes || r.nativeLines !== r.count ? 1 : 0);
}
