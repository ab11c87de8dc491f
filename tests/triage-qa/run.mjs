#!/usr/bin/env node
// Plays the vignette bank (vignettes.mjs) through triage.match -> triage.start -> triage.answer on the wasm core,
// the way a careful lay answering agent would: it reads each question's text and answers from the vignette's
// facts (concept patterns), never from question ids, so it also tests whether the questions are answerable.
//   node tests/triage-qa/run.mjs [--verbose] [--alts] [--only id,id] [--lang en] [--write tests/vectors/triage-vignettes.json]
// Answer rules: yes_no -> yes if a `yes` pattern matches the question text, else no. number -> the first `nums`
// pattern that matches the text; else days for a duration, 37.0 for a temperature, else the minimum (a
// "nothing unusual" answer). single -> the option matching a `yes` pattern, else the option fitting `days` for a
// duration, else a none/not-sure option, else the first. multi -> every matching option, else [].
import { writeFileSync } from 'node:fs';
import { loadCoreFromDisk } from '../../wasm/harness.mjs';
import { alts } from './alt-complaints.mjs';
import { vignettes as bank } from './vignettes.mjs';

const LEVELS = { emergent: ['emergency_ambulance', 'emergency'], nonemergent: ['consultation_24', 'consultation'], selfcare: ['self_care'] };
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const opt = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const lang = opt('--lang') || 'en';
const only = opt('--only')?.split(',');
// --alts: also play each vignette with the other phrasings of its chief complaint (alt-complaints.mjs).
const vignettes = flag('--alts')
  ? bank.flatMap((v) => [v, ...(alts[v.id] || []).map((text, i) => ({ ...v, id: `${v.id}#${i + 1}`, text }))])
  : bank;

// Patterns match from a word start ("eat" must not match "breathe", "red" not "coloured").
const re = (p) => new RegExp(`\\b(?:${p})`, 'i');
const anyMatch = (patterns, text) => patterns.some((p) => re(p).test(text));

// "Less than 2 days" / "2-7 days" / "More than a week" -> [lo, hi) in days; undefined when not a duration.
function durationRange(text) {
  const t = text.toLowerCase();
  const unit = /hour/.test(t) ? 1 / 24 : /week/.test(t) ? 7 : /month/.test(t) ? 30 : /year/.test(t) ? 365 : /day|today|yesterday/.test(t) ? 1 : 0;
  if (!unit) return undefined;
  const words = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, ten: 10, few: 3 };
  const nums = [...t.matchAll(/(\d+(?:\.\d+)?)|\b(an?|one|two|three|four|five|six|seven|ten)\b/g)]
    .map((m) => (m[1] ? Number(m[1]) : words[m[2]]));
  if (nums.length === 0) return undefined;
  if (/less than|under|within|up to|fewer than|<|not more than/.test(t)) return [0, nums[0] * unit];
  if (/more than|over|longer than|at least|>|or more|\+/.test(t)) return [nums[0] * unit, Infinity];
  if (nums.length >= 2) return [nums[0] * unit, (nums[1] + 1) * unit];
  return [nums[0] * unit, nums[0] * unit + unit];
}

// The least duration a question asks about ("after a week", "more than 2 weeks", "3 weeks or more"), in days.
function durationThreshold(text) {
  const t = text.toLowerCase();
  const m = t.match(/(?:more than|over|after|at least|longer than|for)\s+(a|one|two|three|four|six|\d+)\s+(day|week|month)s?/)
    || t.match(/(a|one|two|three|four|six|\d+)\s+(day|week|month)s?\s+or (?:more|longer)/)
    || t.match(/(?:for|going on for)\s+()(week|month)s\b/);
  if (!m) return undefined;
  const words = { '': 2, a: 1, one: 1, two: 2, three: 3, four: 4, six: 6 };
  const n = m[1] in words ? words[m[1]] : Number(m[1]);
  return n * { day: 1, week: 7, month: 30 }[m[2]];
}

function answerFor(v, q) {
  const text = `${q.text} ${q.help || ''}`;
  // A fact the story explicitly denies (`no`) wins: the patient says no to a question about it.
  if (q.kind === 'yes_no') {
    // "Do you have a fever (38 °C or higher)?" is answered from the measured temperature when there is one.
    const temp = Object.entries(v.nums || {}).find(([p]) => /temperat/.test(p))?.[1];
    if (temp !== undefined && /\bfever\b|temperature/i.test(q.text) && !/fever.*(with|and)\b.*\?|,/.test(q.text)) {
      const m = q.text.match(/(\d+(?:\.\d+)?) ?°C or (higher|more|above)/);
      return temp >= (m ? Number(m[1]) : 38);
    }
    // "Is it still swollen after a week?" / "lasted more than 2 weeks?": the patient knows how long it has been.
    const dur = durationThreshold(q.text);
    if (dur !== undefined && v.days !== undefined && v.days < dur) return false;
    return anyMatch(v.yes || [], q.text) && !anyMatch(v.no || [], q.text);
  }
  if (q.kind === 'number') {
    for (const [p, val] of Object.entries(v.nums || {})) if (re(p).test(text) || re(p).test(q.unit || '')) return clamp(q, val);
    if (/°|temperat/i.test(text + (q.unit || ''))) return clamp(q, 37.0);
    if (/day/i.test(text + (q.unit || '')) && v.days !== undefined) return clamp(q, Math.round(v.days));
    if (/hour/i.test(text + (q.unit || '')) && v.days !== undefined) return clamp(q, Math.round(v.days * 24));
    return q.min;
  }
  const options = q.options || [];
  const matching = options.filter((o) => anyMatch(v.yes || [], o.text));
  const durations = v.days === undefined ? [] : options.filter((o) => {
    const r = durationRange(o.text);
    return r && v.days >= r[0] && v.days < r[1];
  });
  const neutral = options.filter((o) => /none|no(t)? |neither|not sure|hard to say|normal|don.?t know|nothing|other/i.test(o.text));
  if (q.kind === 'multi') return (matching.length ? matching : []).map((o) => o.id);
  const pick = matching[0] || durations[0] || neutral[0] || options[0];
  return pick.id;
}

function clamp(q, val) {
  return Math.min(q.max ?? val, Math.max(q.min ?? val, val));
}

function play(core, v) {
  const call = (req) => JSON.parse(core.callText(JSON.stringify({ v: 1, lang, ...req })));
  const match = call({ op: 'triage.match', text: v.text, patient: v.patient, limit: 3 });
  const top = match.ok?.matches?.[0];
  const transcript = [`match "${v.text}" -> ${(match.ok?.matches || []).map((m) => `${m.complaint}(${m.score})`).join(', ') || JSON.stringify(match)}`];
  if (!top) return { level: 'no_match', transcript, answers: {}, complaint: null };
  let r = call({ op: 'triage.start', complaint: top.complaint, patient: v.patient });
  const answers = {};
  while (r.ok?.status === 'question') {
    const q = r.ok.question;
    const a = answerFor(v, q);
    answers[q.id] = a;
    const opts = q.options ? ` [${q.options.map((o) => o.id).join('|')}]` : '';
    const why = a === true ? (v.yes || []).find((p) => re(p).test(q.text)) : undefined;
    transcript.push(`${q.red_flag ? 'RF ' : ''}${q.id}: ${q.text}${opts} -> ${JSON.stringify(a)}${why ? `  [${re(why).exec(q.text)[0]}]` : ''}`);
    r = call({ op: 'triage.answer', state: r.ok.state, answer: a });
  }
  if (!r.ok) return { level: 'error', transcript: [...transcript, JSON.stringify(r)], answers, complaint: top.complaint };
  transcript.push(`=> ${r.ok.outcome.level} (${r.ok.outcome.id})`);
  return { level: r.ok.outcome.level, transcript, answers, complaint: top.complaint, protocol: r.ok.protocol };
}

const core = await loadCoreFromDisk();
const perLevel = { emergent: [0, 0], nonemergent: [0, 0], selfcare: [0, 0] };
const missed = [];
const selfToEd = [];
const vectors = [];
for (const v of vignettes) {
  if (only && !only.includes(v.id) && !only.includes(v.id.split('#')[0])) continue;
  const res = play(core, v);
  const ok = LEVELS[v.expect].includes(res.level);
  perLevel[v.expect][1]++;
  if (ok) perLevel[v.expect][0]++;
  if (v.expect === 'emergent' && !ok) missed.push(v.id);
  if (v.expect === 'selfcare' && LEVELS.emergent.includes(res.level)) selfToEd.push(v.id);
  console.log(`${ok ? 'PASS' : 'FAIL'} ${v.id.padEnd(22)} ${v.expect.padEnd(12)} -> ${res.level.padEnd(20)} via ${res.complaint}`);
  if (!ok || flag('--verbose')) console.log(`     ${v.story}\n     ${res.transcript.join('\n     ')}`);
  if (res.complaint) {
    vectors.push({
      name: `[${v.expect}] ${v.id}: ${v.story}`,
      request: { op: 'triage.evaluate', v: 1, lang, complaint: res.complaint, patient: v.patient, answers: res.answers },
      response_includes: { ok: { outcome: { level: res.level } } },
      expect_one_of: LEVELS[v.expect],
    });
  }
}
let pass = 0;
let total = 0;
for (const [k, [p, t]] of Object.entries(perLevel)) {
  pass += p;
  total += t;
  console.log(`${k.padEnd(12)} ${p}/${t}`);
}
console.log(`overall      ${pass}/${total} (${total ? ((100 * pass) / total).toFixed(1) : 0}%)`);
console.log(`missed emergencies: ${missed.length} ${missed.join(' ')}`);
console.log(`self-care sent to an emergency department: ${selfToEd.length} ${selfToEd.join(' ')}`);
const out = opt('--write');
if (out) {
  const doc = {
    description: 'Independent vignette bank (tests/triage-qa/vignettes.mjs) played through triage.match/start/answer by the '
      + 'lay answering agent in tests/triage-qa/run.mjs; each case replays the answers it gave. Regenerate with '
      + '`node tests/triage-qa/run.mjs --write tests/vectors/triage-vignettes.json` after a protocol change.',
    cases: vectors.map(({ expect_one_of, ...c }) => c),
  };
  writeFileSync(out, `{"description": ${JSON.stringify(doc.description)}, "cases": [\n${doc.cases.map((c) => `  ${JSON.stringify(c)}`).join(',\n')}\n]}\n`);
  console.log(`wrote ${vectors.length} cases to ${out}`);
}
process.exit(missed.length === 0 && selfToEd.length === 0 && pass === total ? 0 : 1);
