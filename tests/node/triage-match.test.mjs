// The matcher's phrase bank (tests/triage-match/phrases.json) on the wasm build; the
// doctest triage_match_test.cpp runs the same natively. Phrases for complaints not in
// the catalogue are pending (reported, not counted as passing).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { loadCore } from '../../wasm/loader.mjs';
import { requireBuilt, sourceDir, wasmPath } from './helpers.mjs';

const core = await loadCore(readFileSync(requireBuilt(wasmPath)));
const call = (req) => JSON.parse(core.callText(JSON.stringify(req)));

test('triage match: phrase bank (wasm)', (t) => {
  const bank = JSON.parse(readFileSync(join(sourceDir, 'tests', 'triage-match', 'phrases.json'), 'utf8'));
  const groups = new Set(call({ op: 'triage.catalog', v: 1 }).ok.complaints.map((c) => c.group));
  const failures = [];
  let passed = 0;
  let pending = 0;
  for (const row of bank.phrases) {
    if (!groups.has(row.expect)) {
      pending++;
      continue;
    }
    const matches = call({ op: 'triage.match', v: 1, text: row.text, limit: 5, ...(row.patient ? { patient: row.patient } : {}) }).ok.matches;
    const top = matches[0]?.group;
    const wrong = matches.map((m) => m.group).filter((g) => (row.not || []).includes(g));
    if (top === row.expect && wrong.length === 0) passed++;
    else failures.push(`${row.text} -> ${top || 'nothing'}${wrong.length ? ` (also ${wrong.join(', ')})` : ''}, expected ${row.expect}`);
  }
  const total = bank.phrases.length - pending;
  t.diagnostic(`phrase bank (wasm): ${passed}/${total} passed, ${pending} pending (complaint not in the catalogue)`);
  assert.deepEqual(failures, []);
  assert.ok(total >= 200);
});
