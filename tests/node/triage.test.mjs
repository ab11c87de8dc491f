// Triage on the wasm build: the case bank scored per level, the start/answer
// sequence against evaluate (byte-identical outcomes) and a seeded monotonicity
// property over generated answer sets. The doctest suite checks the same natively.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { loadCore } from '../../wasm/loader.mjs';
import { prng } from '../differential/generate.mjs';
import { requireBuilt, vectorsDir, wasmPath } from './helpers.mjs';

const core = await loadCore(readFileSync(requireBuilt(wasmPath)));
const call = (req) => JSON.parse(core.callText(JSON.stringify(req)));
const LEVELS = ['self_care', 'consultation', 'consultation_24', 'emergency', 'emergency_ambulance'];
const rank = (level) => LEVELS.indexOf(level);

test('triage case bank: score per level (wasm)', (t) => {
  const doc = JSON.parse(readFileSync(join(vectorsDir, 'triage-cases.json'), 'utf8'));
  const per = Object.fromEntries(LEVELS.map((l) => [l, [0, 0]]));
  let missed = 0;
  let selfCareToEd = 0;
  const failures = [];
  for (const c of doc.cases) {
    const expected = c.response_includes.ok.outcome.level;
    const r = call(c.request);
    const got = r.ok ? r.ok.outcome.level : 'error';
    per[expected][1]++;
    if (got === expected) per[expected][0]++;
    else failures.push(`${c.name} -> ${got}`);
    if (rank(expected) >= 3 && !(rank(got) >= 3)) missed++;
    if (expected === 'self_care' && rank(got) >= 3) selfCareToEd++;
  }
  const passed = LEVELS.reduce((s, l) => s + per[l][0], 0);
  t.diagnostic(`triage case bank (wasm): ${passed}/${doc.cases.length}`);
  for (const l of [...LEVELS].reverse()) t.diagnostic(`  ${l}: ${per[l][0]}/${per[l][1]}`);
  t.diagnostic(`  missed emergencies: ${missed}, self-care sent to ED: ${selfCareToEd}`);
  assert.deepEqual(failures, []);
  assert.ok(doc.cases.length >= 60);
  assert.equal(missed, 0);
  assert.equal(selfCareToEd, 0);
});

function randomAnswer(q, next) {
  if (q.allow_not_sure && next() < 0.15) return 'not_sure';
  switch (q.kind) {
    case 'yes_no': return next() < 0.3;
    case 'single': return q.options[Math.floor(next() * q.options.length)].id;
    case 'multi': return q.options.filter(() => next() < 0.3).map((o) => o.id);
    default: {
      const steps = Math.round((q.max - q.min) / q.step);
      return Math.round((q.min + Math.floor(next() * (steps + 1)) * q.step) * 10) / 10;
    }
  }
}

const patients = [
  { age_years: 0, age_months: 1, sex: 'female' },
  { age_years: 4, sex: 'male' },
  { age_years: 9, sex: 'female', answerer: 'self' },
  { age_years: 70, sex: 'male', answerer: 'relative' },
  { age_years: 30, sex: 'female', pregnant: true },
  { age_years: 45, sex: 'male' },
  { age_years: 80, sex: 'female' },
];

test('triage: start/answer sequence equals evaluate, and more warning signs never lower urgency (wasm)', () => {
  const complaints = call({ op: 'triage.catalog', v: 1 }).ok.complaints;
  const next = prng(20261122); // seeded: the same answer sets on every run
  let sessions = 0;
  let flips = 0;
  for (const complaint of complaints) {
    for (const patient of patients) {
      const first = call({ op: 'triage.start', v: 1, lang: 'en', complaint: complaint.id, patient });
      if (first.error) continue; // this complaint is not for this age band
      for (let n = 0; n < 3; n++) {
        let r = first;
        const answers = {};
        const yesNo = [];
        const reassuring = new Set();
        while (r.ok.status === 'question') {
          const q = r.ok.question;
          const a = randomAnswer(q, next);
          answers[q.id] = a;
          if (q.kind === 'yes_no') yesNo.push(q.id);
          if (q.reassuring) reassuring.add(q.id);
          r = call({ op: 'triage.answer', v: 1, lang: 'en', state: r.ok.state, question: q.id, answer: a });
          assert.ok(r.ok, JSON.stringify(r));
          assert.ok(r.ok.asked <= 18); // kMaxPathQuestions
        }
        sessions++;
        const ev = call({ op: 'triage.evaluate', v: 1, lang: 'en', complaint: r.ok.protocol.id, patient, answers });
        assert.equal(JSON.stringify(ev.ok.outcome), JSON.stringify(r.ok.outcome));
        // Flip each "no" on the path to "yes" (assume_no fills questions that open up).
        const base = rank(r.ok.outcome.level);
        for (const qid of yesNo) {
          if (answers[qid] !== false || reassuring.has(qid)) continue;
          const more = { ...answers, [qid]: true };
          const flipped = call({ op: 'triage.evaluate', v: 1, complaint: r.ok.protocol.id, patient, answers: more, assume_no: true });
          if (flipped.error) continue; // a newly opened single-choice or number question
          assert.ok(rank(flipped.ok.outcome.level) >= base, `${r.ok.protocol.id} ${qid}: ${r.ok.outcome.level} -> ${flipped.ok.outcome.level}`);
          flips++;
        }
      }
    }
  }
  assert.ok(sessions > 100);
  assert.ok(flips > 100);
});


// The terminal triage session (one, over the core: wasm/harness-triage.mjs) replays a script.
test('triage harness --script: replays to the expected outcome, verified by triage.evaluate', async () => {
  const { execFileSync } = await import('node:child_process');
  const { sourceDir } = await import('./helpers.mjs');
  for (const [script, level] of [['tummy-ache-en.json', '[emergency]'], ['child-fever-zh.json', '[self_care]']]) {
    const path = join(sourceDir, 'tests', 'triage-scripts', script);
    const env = { ...process.env, CLINIC_WASM: wasmPath };
    const out = execFileSync(process.execPath, [join(sourceDir, 'wasm', 'harness.mjs'), 'triage', '--script', path], { env, encoding: 'utf8' });
    assert.ok(out.includes(level), out);
    assert.ok(out.includes('server re-evaluation: identical outcome'), out);
  }
});
